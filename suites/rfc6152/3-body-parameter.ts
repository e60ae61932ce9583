import type { CheckContext } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import type { Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { expectReply, skip, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6152 §2-3: with 8BITMIME the MAIL command takes BODY=7BIT or BODY=8BITMIME (values are
// case-insensitive like every parameter value); BINARYMIME is an RFC 3030 value valid only when
// advertised. Anything else is a parameter error.

/** Hygiene: at most two protocol errors per connection, so a spent session is replaced. */
async function usable(s: Session, ctx: CheckContext): Promise<Session> {
  if (!s.isClosed && s.protocolErrors < 2) return s;
  const fresh = await ctx.connect();
  await handshake(fresh, ctx);
  return fresh;
}

/** MAIL with each parameter string in turn, RSET after each accepted one; graded by `grade`. */
async function mailProbes(s: Session, ctx: CheckContext, params: readonly string[], grade: (o: Outcome, what: string) => Verdict): Promise<Verdict> {
  await handshake(s, ctx);
  const parts: Array<{ probe: string; verdict: Verdict }> = [];
  let session = s;
  for (const p of params) {
    session = await usable(session, ctx);
    const line = `MAIL FROM:<${ctx.sender}> ${p}`;
    const reply = await session.send(line);
    parts.push({ probe: p, verdict: grade(reply, line) });
    if (reply.kind === 'reply' && reply.code === 250) await session.send('RSET');
  }
  return worstOf(parts);
}

export const bodyParameterChecks = [
  defineCheck({
    id: 'rfc6152/3/body-values-accepted',
    title: 'Sends MAIL with BODY=8BITMIME, BODY=7BIT and body=8bitmime (RSET between)',
    requirement: 'A server advertising 8BITMIME MUST accept BODY=7BIT and BODY=8BITMIME, in any case',
    level: 'MUST',
    catalog: ['6152-3-body-values-accepted'],
    requires: ['8BITMIME'],
    run: (s, ctx) => mailProbes(s, ctx, ['BODY=8BITMIME', 'BODY=7BIT', 'body=8bitmime'], (o, what) => expectReply(o, { class: 'ok', preferred: [250] }, what)),
  }),

  // A 250 means an invalid value was silently taken: FAIL (the level's default severity). Any
  // refusal other than 501/555 is a non-strict pass, which is where the catalog's "warn" applies.
  defineCheck({
    id: 'rfc6152/3/body-invalid-value',
    title: 'Sends MAIL with BODY=FOO, BODY= (empty) and BODY=8BIT',
    requirement: 'An invalid BODY value MUST be refused as a parameter error (501 or 555)',
    level: 'MUST',
    catalog: ['6152-3-body-invalid-value'],
    requires: ['8BITMIME'],
    run: (s, ctx) => mailProbes(s, ctx, ['BODY=FOO', 'BODY=', 'BODY=8BIT'], (o, what) => expectReply(o, { class: 'permfail', preferred: [501, 555] }, what)),
  }),

  defineCheck({
    id: 'rfc6152/3/single-body-parameter',
    title: 'Sends MAIL with two BODY parameters',
    requirement: 'A MAIL command with more than one BODY parameter MUST be refused',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'RFC 6152 implies a single BODY parameter without a server keyword; the catalog grades warn',
    catalog: ['6152-3-single-body-parameter'],
    requires: ['8BITMIME'],
    run: (s, ctx) => mailProbes(s, ctx, ['BODY=7BIT BODY=8BITMIME'], (o, what) => expectReply(o, { class: 'permfail' }, what)),
  }),

  // RFC 3030 §3: BODY=BINARYMIME belongs to BINARYMIME; without the keyword it is an unknown value.
  defineCheck({
    id: 'rfc6152/3/binarymime-needs-advertisement',
    title: 'Sends MAIL with BODY=BINARYMIME to a server that does not advertise BINARYMIME',
    requirement: 'Without BINARYMIME advertised, BODY=BINARYMIME MUST be refused (555, 501 or 504)',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'the refusal is implied by RFC 6152 §2 and RFC 3030 §3, not stated with a keyword',
    catalog: ['6152-3-binarymime-needs-advertisement'],
    appliesTo: 'servers that do not advertise BINARYMIME',
    run: async (s, ctx) => {
      if (ctx.probeKeywords.has('BINARYMIME')) return skip('the target advertises BINARYMIME: the check applies only to servers that do not');
      await handshake(s, ctx);
      if (s.has('BINARYMIME')) return skip('the target advertises BINARYMIME: the check applies only to servers that do not');
      const reply = await s.send(`MAIL FROM:<${ctx.sender}> BODY=BINARYMIME`);
      return expectReply(reply, { class: 'permfail', preferred: [555, 501, 504] }, 'BODY=BINARYMIME');
    },
  }),
];
