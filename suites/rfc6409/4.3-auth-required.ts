import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { nonStrict, pass, skip, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { bogusAuth, bogusCredentials } from '../rfc4954/sasl-probes.js';
import { pickPasswordMechanism } from '../keywords.js';
import { SUBMISSION_SERVER, openSubmission, tryUnauthenticated } from './support.js';

// RFC 6409 §4.3 (with RFC 4954 §6): by default an MSA MUST refuse MAIL from a client that has not
// authenticated, with 530. "Not authenticated" includes a client whose AUTH failed. Many servers
// refuse at RCPT instead (catalog ambiguity 16: warn). A server that accepts the mail without AUTH
// is only known to break the rule on the submission port 587; elsewhere it is an MX.

const EXPECTED = ['530 to MAIL until AUTH succeeds'];

function refusal(o: Outcome, what: string): Verdict {
  const actual = describeOutcome(o);
  if (o.kind === 'reply' && o.code === 530) return pass(EXPECTED, actual);
  if (o.kind === 'reply' && o.code >= 400) return nonStrict(EXPECTED, actual, `${what}: ${o.code} refuses, but RFC 4954 §6 names 530`);
  return violation(EXPECTED, actual, `${what} was accepted without a successful authentication`);
}

export const authRequiredChecks = [
  defineCheck({
    id: 'rfc6409/4.3/auth-required',
    title: 'Sends MAIL without authenticating; then fails an AUTH with bogus credentials and sends MAIL again',
    requirement: 'A submission server MUST refuse MAIL (530) until the client has authenticated successfully',
    level: 'MUST',
    catalog: ['6409-4.3-auth-required'],
    appliesTo: `${SUBMISSION_SERVER}, or any target on port 587`,
    run: async (s, ctx) => {
      await openSubmission(s, ctx);
      const first = await tryUnauthenticated(s, ctx);
      if (first.refusedAt === 'rcpt') {
        return nonStrict(EXPECTED, `MAIL: ${describeOutcome(first.mail)}; RCPT: ${describeOutcome(first.rcpt!)}`, 'unauthenticated mail is refused at RCPT; RFC 6409 §4.3 wants the refusal at MAIL');
      }
      if (first.refusedAt === 'none') {
        const actual = `MAIL: ${describeOutcome(first.mail)}` + (first.rcpt ? `; RCPT: ${describeOutcome(first.rcpt)}` : '');
        if (s.options.port === 587 && first.rcpt?.kind === 'reply' && first.rcpt.code < 300) return violation(EXPECTED, actual, 'the submission port accepted mail without authentication');
        return skip(`not a submission server requiring AUTH: ${actual}`);
      }
      const probes = [{ probe: 'MAIL without AUTH', verdict: refusal(first.mail, 'MAIL without AUTH') }];
      const mech = pickPasswordMechanism(s.params('AUTH'));
      if (mech) {
        const failed = await bogusAuth(s, mech, bogusCredentials(ctx));
        if (failed.kind === 'reply' && failed.code === 235) return violation(EXPECTED, `AUTH with bogus credentials: ${describeOutcome(failed)}`, 'bogus credentials were accepted');
        const again = await s.send(`MAIL FROM:<${ctx.rcpt}>`);
        if (again.kind === 'reply' && again.code === 250) await s.send('RSET');
        probes.push({ probe: 'MAIL after a failed AUTH', verdict: refusal(again, 'MAIL after a failed AUTH') });
      }
      return worstOf(probes);
    },
  }),
];
