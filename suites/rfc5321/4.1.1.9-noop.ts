import { handshake } from '../../harness/dialog.js';
import { describeOutcome, replyClass, type Outcome } from '../../harness/session/outcome.js';
import { required } from '../../harness/setup.js';
import { nonStrict, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.1.9: NOOP changes nothing and the receiver MUST send "250 OK"; a parameter string,
// if present, SHOULD be ignored. §4.1.4: NOOP may be sent at any time, also before EHLO.

/** NOOP with an argument: 250 passes; a refusal breaks only the SHOULD (NON-STRICT). */
function gradeNoopWithArgument(reply: Outcome): Verdict {
  const expected = ['250'];
  const actual = describeOutcome(reply);
  if (reply.kind === 'reply' && reply.code === 250) return pass(expected, actual);
  if (reply.kind === 'reply' && (replyClass(reply.code) === 'permfail' || replyClass(reply.code) === 'ok')) {
    return nonStrict(expected, actual, `NOOP with an argument got ${reply.code}: RFC 5321 §4.1.1.9 says the argument SHOULD be ignored`);
  }
  return violation(expected, actual, `NOOP with an argument: ${actual}`);
}

export const noopChecks = [
  defineCheck({
    id: 'rfc5321/4.1.1.9/noop',
    title: 'Sends NOOP before EHLO, and "NOOP hello world" after it',
    requirement: 'The server MUST answer NOOP with 250 at any time, and SHOULD ignore an argument',
    level: 'MUST',
    catalog: ['5321-4.1.1.9-noop'],
    run: async (s, ctx) => {
      required(s.greeting, 'greeting', [220]);
      const bare = await s.send('NOOP');
      await handshake(s, ctx);
      const withArgument = await s.send('NOOP hello world');
      return worstOf([
        {
          probe: 'NOOP',
          verdict: bare.kind === 'reply' && bare.code === 250 ? pass(['250'], describeOutcome(bare)) : violation(['250'], describeOutcome(bare), `NOOP got ${describeOutcome(bare)}`),
        },
        { probe: 'NOOP hello world', verdict: gradeNoopWithArgument(withArgument) },
      ]);
    },
  }),
];
