import type { CheckContext } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { nonStrict, pass, skip, violation, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { pickPasswordMechanism } from '../keywords.js';
import { authenticate, bogusCredentials, bogusAuth, cancelIfChallenged, NO_PASSWORD_MECHANISM } from './sasl-probes.js';

// RFC 4954 §4 and §6: how an exchange ends. Success is 235; failed credentials get 535; a
// client-first mechanism without initial response gets an empty challenge; a second AUTH after
// success is refused with 503.

function exactly(code: number, o: Outcome, what: string): Verdict {
  if (o.kind === 'reply' && o.code === code) return pass([String(code)], describeOutcome(o));
  return violation([String(code)], describeOutcome(o), `${what}: expected ${code}, got ${describeOutcome(o)}`);
}

/** EHLO, then AUTH with the run's credentials (PLAIN, else LOGIN): it must succeed with 235. */
async function validAuthSucceeds(s: Session, ctx: CheckContext, opts: { initialResponse?: boolean }, what: string): Promise<Verdict> {
  await handshake(s, ctx);
  const mech = pickPasswordMechanism(s.params('AUTH'));
  if (!mech || !ctx.credentials) return skip(NO_PASSWORD_MECHANISM);
  const reply = await s.auth(mech, ctx.credentials, opts);
  await cancelIfChallenged(s, reply);
  return exactly(235, reply, `AUTH ${mech}${what}`);
}

export const authOutcomeChecks = [
  defineCheck({
    id: 'rfc4954/4/success-235',
    title: 'Authenticates with the valid credentials (PLAIN with initial response, else LOGIN)',
    requirement: 'A successful authentication MUST be answered with 235',
    level: 'MUST',
    catalog: ['4954-4-success-235'],
    requires: ['AUTH'],
    needs: ['auth'],
    run: (s, ctx) => validAuthSucceeds(s, ctx, {}, ''),
  }),

  // §4: with no initial response, a client-first mechanism starts with an empty challenge ("334 ")
  // and the credentials follow on the next line (SASL, RFC 4422 §5).
  defineCheck({
    id: 'rfc4954/4/no-initial-response',
    title: 'Sends AUTH PLAIN without an initial response (else AUTH LOGIN), then the credentials after the 334',
    requirement: 'Without an initial response the server MUST send an empty challenge and accept the response that follows (235)',
    level: 'MUST',
    catalog: ['4954-4-no-initial-response'],
    requires: ['AUTH'],
    needs: ['auth'],
    run: (s, ctx) => validAuthSucceeds(s, ctx, { initialResponse: false }, ' without initial response'),
  }),

  // §4/§6: 535 (5.7.8) for bad credentials, unless 454, 534 or 432 fits better. Accepting bogus
  // credentials is graded FAIL whatever the level; any other refusal is non-strict.
  defineCheck({
    id: 'rfc4954/4/bad-credentials-535',
    title: 'Authenticates with a user and password that do not exist',
    requirement: 'Failed authentication SHOULD be answered with 535, and MUST NOT succeed',
    level: 'SHOULD',
    severity: 'fail',
    severityNote: 'a 235 to bogus credentials is an authentication bypass; other refusal codes are graded non-strict',
    catalog: ['4954-4-bad-credentials-535'],
    requires: ['AUTH'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const mech = pickPasswordMechanism(s.params('AUTH'));
      if (!mech) return skip(NO_PASSWORD_MECHANISM);
      const reply = await bogusAuth(s, mech, bogusCredentials(ctx));
      const expected = ['535', '454/534/432'];
      const actual = describeOutcome(reply);
      if (reply.kind !== 'reply') return violation(expected, actual, `no reply to the failed authentication: ${actual}`);
      if (reply.code === 535) return pass(expected, actual);
      if ([454, 534, 432].includes(reply.code)) return pass(expected, actual, `${reply.code} is one of the more specific failure codes of RFC 4954 §6`);
      if (Math.floor(reply.code / 100) === 2) return violation(expected, actual, 'bogus credentials were accepted');
      return nonStrict(expected, actual, `${reply.code} refuses, but RFC 4954 names 535 for bad credentials`);
    },
  }),

  // §4: "After a successful AUTH command completes, a server MUST reject any further AUTH
  // commands with a 503 reply."
  defineCheck({
    id: 'rfc4954/4/no-second-auth',
    title: 'Authenticates successfully, then sends AUTH again with the same credentials',
    requirement: 'Any AUTH after a successful one MUST be refused with 503',
    level: 'MUST',
    catalog: ['4954-4-no-second-auth'],
    requires: ['AUTH'],
    needs: ['auth'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const mech = await authenticate(s, ctx);
      if (!mech || !ctx.credentials) return skip(NO_PASSWORD_MECHANISM);
      const again = await s.auth(mech, ctx.credentials);
      await cancelIfChallenged(s, again);
      return exactly(503, again, 'second AUTH');
    },
  }),
];
