import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { base64 } from '../../harness/session/sasl.js';
import { expectReply, inconclusive, nonStrict, pass, skip, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { cancelIfChallenged, sessionOffering } from './sasl-probes.js';

// RFC 4954 §4: what the server makes of the client's SASL responses - an initial response to a
// mechanism where the server speaks first (501), "=" as an initial response of zero length, and
// responses as long as the offered mechanisms can produce (with 500 5.5.6 only past the server's
// buffer, and the session still in step).

/** RFC 4616 §2: authzid, authcid and password of 255 octets each; 767 octets, 1024 in base64. */
const LONGEST_PLAIN = base64(`${'z'.repeat(255)}\0${'u'.repeat(255)}\0${'p'.repeat(255)}`);
/** Far past the 12288 octets RFC 4954 §4 calls sufficient: 20,000 characters of valid base64. */
const OVERSIZED = 'A'.repeat(20_000);

/** Sends `response` after the first 334 of `AUTH mech`; returns the reply to it. */
async function respond(s: Session, mech: string, response: string): Promise<{ start: Outcome; reply: Outcome | undefined }> {
  const start = await s.send(`AUTH ${mech}`);
  if (start.kind !== 'reply' || start.code !== 334) return { start, reply: undefined };
  const reply = await s.send(response);
  await cancelIfChallenged(s, reply);
  return { start, reply };
}

export const saslResponseChecks = [
  // §4: "If the client sends an initial response with a mechanism in which the server speaks
  // first, the server MUST reject the AUTH command with a 501 reply" (5.7.0 recommended).
  defineCheck({
    id: 'rfc4954/4/unexpected-initial-response-501',
    title: 'Sends AUTH CRAM-MD5 (or DIGEST-MD5) with an initial response',
    requirement: 'An initial response to a mechanism in which the server speaks first MUST be refused with 501',
    level: 'MUST',
    catalog: ['4954-4-unexpected-initial-response-501'],
    requires: ['AUTH'],
    appliesTo: 'servers offering a mechanism in which the server speaks first (CRAM-MD5, DIGEST-MD5)',
    run: async (s, ctx) => {
      const mech = await sessionOffering(s, ctx, ['CRAM-MD5', 'DIGEST-MD5']);
      if (mech === undefined) return skip('no server-first mechanism (CRAM-MD5, DIGEST-MD5) is offered');
      const reply = await s.send(`AUTH ${mech} dGVzdA==`);
      await cancelIfChallenged(s, reply);
      return expectReply(reply, { class: 'permfail', preferred: [501] }, `AUTH ${mech} with an initial response`);
    },
  }),

  // §4 and §8 (initial-response = base64 / "="): "=" is a response of zero length, not a missing
  // one. PLAIN cannot succeed with nothing, so the exchange fails at once, without a 334.
  defineCheck({
    id: 'rfc4954/4/empty-initial-response',
    title: 'Sends AUTH PLAIN = (an initial response of zero length)',
    requirement: '"=" is an empty initial response: PLAIN fails at once (535 or 501), without a 334 prompt',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'implied by the initial-response grammar rather than stated as a server obligation',
    catalog: ['4954-4-empty-initial-response'],
    requires: ['AUTH'],
    appliesTo: 'servers offering AUTH PLAIN',
    run: async (s, ctx) => {
      if ((await sessionOffering(s, ctx, ['PLAIN'])) === undefined) return skip('PLAIN is not offered');
      const reply = await s.send('AUTH PLAIN =');
      await cancelIfChallenged(s, reply);
      const expected = ['535', '501 (not a base64 complaint)'];
      const actual = describeOutcome(reply);
      if (reply.kind !== 'reply') return violation(expected, actual, `AUTH PLAIN =: ${actual}`);
      if (reply.code === 334) return violation(expected, actual, '"=" was taken as a missing initial response: the server prompted for one');
      if (reply.code === 501 && /base.?64/i.test(reply.lines.join(' '))) return violation(expected, actual, '"=" was refused as invalid base64, but it is the empty initial response');
      if (reply.code === 535 || reply.code === 501) return pass(expected, actual);
      if (Math.floor(reply.code / 100) === 5) return nonStrict(expected, actual, `${reply.code} refuses, but 535 (failed) or 501 is the expected answer`);
      return violation(expected, actual, `AUTH PLAIN with an empty response got ${actual}`);
    },
  }),

  // §4: servers must take the largest responses their mechanisms produce, whatever the 512-octet
  // command limit; past its buffer a server answers 500 (5.5.6) and stays in step.
  defineCheck({
    id: 'rfc4954/4/response-length',
    title: 'Answers the 334 of AUTH PLAIN with a 1024-character response (the RFC 4616 maxima); on a new connection with 20,000 characters, then NOOP',
    requirement: 'A response as long as the mechanism allows MUST be processed (535/235, no length error); an oversized one gets 500 5.5.6 and the session stays in step',
    level: 'MUST',
    catalog: ['4954-4-response-length'],
    requires: ['AUTH'],
    appliesTo: 'servers offering AUTH PLAIN or LOGIN',
    run: async (s, ctx) => {
      const mech = await sessionOffering(s, ctx, ['PLAIN', 'LOGIN']);
      if (mech === undefined) return skip('neither PLAIN nor LOGIN is offered');
      // LOGIN: a user name of 765 octets, 1020 characters in base64.
      const longest = mech === 'PLAIN' ? LONGEST_PLAIN : base64('u'.repeat(765));
      const first = await respond(s, mech, longest);
      if (first.reply === undefined) return inconclusive([`AUTH ${mech}: 334`], describeOutcome(first.start), `AUTH ${mech} did not start an exchange`);
      const okCodes = mech === 'PLAIN' ? [535, 235, 454, 534] : [334, 535, 454];
      const longVerdict: Verdict =
        first.reply.kind === 'reply' && okCodes.includes(first.reply.code)
          ? pass(okCodes.map(String), describeOutcome(first.reply))
          : violation(okCodes.map(String), describeOutcome(first.reply), `a ${longest.length}-character response, within what ${mech} allows, got ${describeOutcome(first.reply)}`);

      const t = await ctx.connect();
      await sessionOffering(t, ctx, [mech]);
      const second = await respond(t, mech, OVERSIZED);
      const noop = t.isClosed ? undefined : await t.send('NOOP');
      const extra = noop ? await t.readExtra(300) : [];
      const expected = ['500 (5.5.6) or a normal failure, then NOOP → 250 and nothing more'];
      const actual = [second.reply ?? second.start, ...(noop ? [noop] : []), ...extra].map(describeOutcome).join(' / ');
      let oversizedVerdict: Verdict;
      if (second.reply === undefined) oversizedVerdict = inconclusive(expected, actual, `AUTH ${mech} did not start an exchange on the second connection`);
      else if (second.reply.kind === 'closed' || noop?.kind === 'closed') oversizedVerdict = nonStrict(expected, actual, 'the connection was closed after the oversized response; RFC 4954 §4 answers 500 5.5.6 and goes on');
      else if (second.reply.kind !== 'reply' || noop?.kind !== 'reply' || noop.code !== 250 || extra.length > 0) oversizedVerdict = violation(expected, actual, 'out of step after the oversized response');
      else oversizedVerdict = pass(expected, actual);
      return worstOf([
        { probe: `${longest.length}-character response`, verdict: longVerdict },
        { probe: '20,000-character response', verdict: oversizedVerdict },
      ]);
    },
  }),
];
