import type { CheckContext } from '../../harness/check.js';
import {
  arrivalsFor,
  awaitRelayOrBounce,
  bounceSender,
  describeWait,
  dotStuffOctets,
  endsWith,
  requireAccepted,
  sinkRecipient,
  submitForRelay,
  taggedMessage,
} from '../../harness/relay.js';
import type { Session } from '../../harness/session/session.js';
import { eightBitCount, splitMessage } from '../../harness/sink/mime.js';
import { inconclusive, nonStrict, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { refusedOrBounced } from './hop-without-smtputf8.js';

// RFC 6531 §3.2: a relay that must send an internationalized message (UTF-8 addresses or UTF-8
// header fields) passes SMTPUTF8 to a next hop that offers it, with the addresses intact; to a
// hop that does not offer it, it must not send the message (nor downgrade it silently) but
// reject or bounce it (§3.5; RFC 6532 §3.7).

const UTF8_HEADERS = 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\nX-Smtpspec-Greeting: Grüße, δοκιμή\r\n';

function mailParams(ctx: CheckContext): string {
  // RFC 6531 §3.1: SMTPUTF8 servers offer 8BITMIME too; send it when advertised, as clients do.
  return ctx.probeKeywords.has('8BITMIME') ? 'SMTPUTF8 BODY=8BITMIME' : 'SMTPUTF8';
}

const sameAddress = (a: string, b: string) => {
  const [la, da] = split(a);
  const [lb, db] = split(b);
  return la === lb && (da.toLowerCase() === db.toLowerCase() || toAscii(da) === toAscii(db));
};
const split = (a: string): [string, string] => {
  const at = a.lastIndexOf('@');
  return [a.slice(0, at), a.slice(at + 1)];
};
/** RFC 6531 §3.2 lets a relay send a domain as U-labels or A-labels. */
const toAscii = (domain: string) => {
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return domain.toLowerCase();
  }
};

/** One probe towards the hop without SMTPUTF8: the message must be refused or bounced. */
async function downgradeProbe(s: Session, ctx: CheckContext, label: string, utf8Rcpt: boolean): Promise<Verdict> {
  const to = sinkRecipient(ctx, 'noUtf8', label, utf8Rcpt ? 'δοκιμή.' : '');
  const headers = utf8Rcpt ? 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n' : UTF8_HEADERS;
  const message = taggedMessage(ctx, { to, headers, body: utf8Rcpt ? 'ASCII body\r\n' : 'Grüße\r\n' });
  const expected = ['the message refused, or bounced to the sender; nothing with UTF-8 envelope or header octets at the hop without SMTPUTF8'];
  const sub = await submitForRelay(s, ctx, { from: bounceSender(ctx, label), rcpts: [to], mailParams: mailParams(ctx), content: dotStuffOctets(message) });
  const settled = await refusedOrBounced(ctx, sub, label, expected);
  if ('verdict' in settled) return settled.verdict;
  const { copy: t, arrival } = settled;
  const envelope = [t.mailFrom, ...t.rcpts.map((r) => r.address)];
  const utf8Envelope = envelope.filter((a) => /[^\x00-\x7f]/.test(a));
  const headerOctets = eightBitCount(splitMessage(t.content).header);
  const actual = `${describeWait(ctx, arrival)}: MAIL FROM:<${t.mailFrom}> ${t.mailParams.join(' ')}; RCPT ${t.rcpts.map((r) => `<${r.address}>`).join(' ')}; ${headerOctets} header octets above 127`;
  if (t.mailParams.some((p) => /^SMTPUTF8$/i.test(p))) return violation(expected, actual, 'SMTPUTF8 was sent to a hop that does not offer it');
  if (utf8Envelope.length > 0) return violation(expected, actual, `UTF-8 addresses sent to a hop without SMTPUTF8: ${utf8Envelope.join(', ')}`);
  if (headerOctets > 0) return violation(expected, actual, 'UTF-8 header octets sent to a hop without SMTPUTF8');
  // A converted message is a downgrade nobody is told about. RFC 6531 §3.2 allows a transformation to
  // an MSA only, and smtpspec cannot tell whether the target acts as one here: flagged, not failed.
  return nonStrict(expected, `${actual} (converted to an all-ASCII message)`, 'the message was converted to ASCII and relayed without notice: RFC 6531 §3.2 lets only an MSA transform it; a relay refuses or bounces');
}

export const relayUtf8Checks = [
  defineCheck({
    id: 'rfc6531/3.2/relay-keeps-smtputf8',
    title: 'Sends a message with UTF-8 addresses (one at the IDN bücher.sink.test) and a UTF-8 header field, with SMTPUTF8, for relay to an SMTPUTF8 hop',
    requirement: 'The server MUST relay it with the SMTPUTF8 parameter, the UTF-8 addresses intact and the content unchanged',
    level: 'MUST',
    catalog: ['6531-3.2-relay-keeps-smtputf8'],
    requires: ['SMTPUTF8'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const from = '發送者@client.test';
      const rcpts = [sinkRecipient(ctx, 'full', 'relay', 'δοκιμή.'), `${'user.'}${ctx.token}@bücher.${ctx.sink?.domains.full ?? 'sink.test'}`];
      const message = taggedMessage(ctx, { to: rcpts[0]!, from, headers: UTF8_HEADERS, body: 'Grüße\r\n' });
      requireAccepted(await submitForRelay(s, ctx, { from, rcpts, mailParams: mailParams(ctx), content: dotStuffOctets(message) }));
      const expected = ['MAIL FROM:<發送者@client.test> SMTPUTF8 at the sink, both UTF-8 recipients, the content unchanged after the trace fields'];
      const arrival = await awaitRelayOrBounce(ctx);
      const t = arrival.delivered;
      if (!t) {
        if (arrival.bounce) return violation(expected, 'bounced', 'bounced although the next hop offers SMTPUTF8');
        return inconclusive(expected, describeWait(ctx, arrival), 'the message may still be queued');
      }
      // The two recipients may come in one transaction or in two.
      const arrived = arrivalsFor(ctx).filter((a) => a.profile === 'full');
      const got = arrived.flatMap((a) => a.rcpts.map((r) => r.address));
      const actual = `${describeWait(ctx, arrival)}: MAIL FROM:<${t.mailFrom}> ${t.mailParams.join(' ')}; RCPT ${got.map((r) => `<${r}>`).join(' ')}`;
      if (!arrived.every((a) => a.mailParams.some((p) => /^SMTPUTF8$/i.test(p)))) return violation(expected, actual, 'the outgoing MAIL lacks the SMTPUTF8 parameter');
      if (t.mailFrom !== from) return violation(expected, actual, `the reverse-path changed to <${t.mailFrom}>`);
      const missing = rcpts.filter((r) => !got.some((g) => sameAddress(g, r)));
      if (missing.length > 0) {
        // The second copy may be on its way still.
        return missing.length < rcpts.length && got.length > 0 ? inconclusive(expected, actual, `not (yet) arrived: ${missing.join(', ')}`) : violation(expected, actual, `recipients altered or missing: ${missing.join(', ')}`);
      }
      if (!endsWith(t.content, message)) return violation(expected, actual, 'the message (UTF-8 header field included) did not arrive unchanged after the trace fields');
      return pass(expected, actual);
    },
  }),

  defineCheck({
    id: 'rfc6531/3.2/no-silent-downgrade',
    title: 'Sends, with SMTPUTF8, (A) a message to a UTF-8 recipient and (B) a message with a UTF-8 header field, each for relay to a hop without SMTPUTF8',
    requirement: 'The server MUST NOT pass either to that hop: it refuses or bounces them (no silent downgrade)',
    level: 'MUST NOT',
    catalog: ['6531-3.2-no-silent-downgrade'],
    requires: ['SMTPUTF8'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const a = await downgradeProbe(s, ctx, 'a', true);
      const b = await downgradeProbe(await ctx.connect(), ctx, 'b', false);
      return worstOf([
        { probe: 'A (UTF-8 recipient)', verdict: a },
        { probe: 'B (UTF-8 header field)', verdict: b },
      ]);
    },
  }),
];
