import type { CheckContext } from '../../harness/check.js';
import { awaitRelayOrBounce, bounceSender, describeWait, dotStuffOctets, endsWith, requireAccepted, sinkRecipient, submitForRelay } from '../../harness/relay.js';
import type { Session } from '../../harness/session/session.js';
import { eightBitCount, splitMessage } from '../../harness/sink/mime.js';
import { inconclusive, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { refusedOrBounced } from '../rfc6531/hop-without-smtputf8.js';

// RFC 6532 §3 (with §3.7 and RFC 6531 §3.2): header fields with raw UTF-8 travel over SMTP only
// with SMTPUTF8. With an all-ASCII envelope, only the header says the message needs it: relayed to
// a hop with SMTPUTF8 it keeps its octets and the parameter; to a hop without, it is not sent raw.

const UTF8_HEADER = 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n';

function mailParams(ctx: CheckContext): string {
  return ctx.probeKeywords.has('8BITMIME') ? 'SMTPUTF8 BODY=8BITMIME' : 'SMTPUTF8';
}

function utf8Message(ctx: CheckContext, to: string, label: string): Buffer {
  const head =
    `From: "Jörg" <${bounceSender(ctx, label)}>\r\n` +
    `To: <${to}>\r\n` +
    `Subject: Grüße ${ctx.token}\r\n` +
    `Message-ID: <${label}-${ctx.token}@client.test>\r\n` +
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}\r\n` +
    UTF8_HEADER;
  return Buffer.from(`${head}\r\nGrüße aus dem Header\r\n`, 'utf8');
}

async function toCapableHop(s: Session, ctx: CheckContext): Promise<Verdict> {
  const to = sinkRecipient(ctx, 'full', 'capable');
  const message = utf8Message(ctx, to, 'capable');
  requireAccepted(await submitForRelay(s, ctx, { from: bounceSender(ctx, 'capable'), rcpts: [to], mailParams: mailParams(ctx), content: dotStuffOctets(message) }));
  const arrival = await awaitRelayOrBounce(ctx, 'capable');
  const expected = ['MAIL with SMTPUTF8 and the UTF-8 header fields octet for octet'];
  const t = arrival.delivered;
  if (!t) return arrival.bounce ? violation(expected, 'bounced', 'bounced although the next hop offers SMTPUTF8') : inconclusive(expected, describeWait(ctx, arrival), 'the message did not reach the sink');
  const actual = `${describeWait(ctx, arrival)}; MAIL parameters: ${t.mailParams.join(' ') || 'none'}`;
  if (!t.mailParams.some((p) => /^SMTPUTF8$/i.test(p))) return violation(expected, actual, 'the outgoing MAIL lacks the SMTPUTF8 parameter');
  if (!endsWith(t.content, message)) return violation(expected, actual, 'the UTF-8 header fields did not arrive unchanged');
  return pass(expected, actual);
}

async function toAsciiHop(s: Session, ctx: CheckContext): Promise<Verdict> {
  const to = sinkRecipient(ctx, 'noUtf8', 'ascii-hop');
  const message = utf8Message(ctx, to, 'ascii-hop');
  const sub = await submitForRelay(s, ctx, { from: bounceSender(ctx, 'ascii-hop'), rcpts: [to], mailParams: mailParams(ctx), content: dotStuffOctets(message) });
  const expected = ['refused or bounced', 'relayed with no raw UTF-8 in the header'];
  const settled = await refusedOrBounced(ctx, sub, 'ascii-hop', expected);
  if ('verdict' in settled) return settled.verdict;
  const { copy: t, arrival } = settled;
  const octets = eightBitCount(splitMessage(t.content).header);
  const actual = `${describeWait(ctx, arrival)}; MAIL parameters: ${t.mailParams.join(' ') || 'none'}; ${octets} header octets above 127`;
  if (octets > 0) return violation(expected, actual, 'raw UTF-8 header fields were sent to a hop that does not offer SMTPUTF8');
  return pass(expected, `${actual} (transformed to an all-ASCII header)`);
}

export const utf8HeaderChecks = [
  defineCheck({
    id: 'rfc6532/3/utf8-headers-need-smtputf8',
    title: 'Sends, with SMTPUTF8 and an all-ASCII envelope, a message with a UTF-8 From and Subject, once for a hop with SMTPUTF8 and once for noutf8.sink.test',
    requirement: 'UTF-8 header fields MUST travel only with SMTPUTF8: unchanged with the parameter to the capable hop, never raw to the other',
    level: 'MUST',
    catalog: ['6532-3-utf8-headers-need-smtputf8'],
    requires: ['SMTPUTF8'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const capable = await toCapableHop(s, ctx);
      const ascii = await toAsciiHop(await ctx.connect(), ctx);
      return worstOf([
        { probe: 'hop with SMTPUTF8', verdict: capable },
        { probe: 'hop without SMTPUTF8', verdict: ascii },
      ]);
    },
  }),
];
