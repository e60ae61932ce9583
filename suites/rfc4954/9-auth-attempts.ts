import { handshake } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { inconclusive, pass, skip, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { pickPasswordMechanism } from '../keywords.js';
import { bogusAuth, bogusCredentials, NO_PASSWORD_MECHANISM } from './sasl-probes.js';

// RFC 4954 §9: a server may drop the connection after repeated authentication failures, but
// SHOULD NOT do so before at least three attempts have failed.

export const authAttemptChecks = [
  defineCheck({
    id: 'rfc4954/9/three-attempts',
    title: 'Sends three failing authentications on one connection',
    requirement: 'The server SHOULD NOT close the connection before three authentication attempts have failed',
    level: 'SHOULD NOT',
    catalog: ['4954-9-three-attempts'],
    requires: ['AUTH'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const mech = pickPasswordMechanism(s.params('AUTH'));
      if (!mech) return skip(NO_PASSWORD_MECHANISM);
      const expected = ['a reply to each of three failed attempts'];
      const seen: string[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        const reply = await bogusAuth(s, mech, bogusCredentials(ctx));
        seen.push(`#${attempt}: ${describeOutcome(reply)}`);
        const actual = seen.join('; ');
        if (reply.kind === 'closed') return violation(expected, actual, `the connection was closed after ${attempt - 1} failed attempt(s)`);
        if (reply.kind === 'timeout') return inconclusive(expected, actual, `no reply to attempt ${attempt} (a tarpit longer than the reply timeout?)`);
        if (reply.kind === 'reply' && Math.floor(reply.code / 100) === 2) return inconclusive(expected, actual, 'bogus credentials were accepted (see rfc4954/4/bad-credentials-535)');
      }
      return pass(expected, seen.join('; '));
    },
  }),
];
