import { handshake, mailFrom } from '../../harness/dialog.js';
import { required } from '../../harness/setup.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { plainResponse } from '../../harness/session/sasl.js';
import { expectReply, inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { bogusCredentials, cancelIfChallenged, probeMechanism } from './sasl-probes.js';

// RFC 4954 §4: when the AUTH command itself is out of place or names something unknown.

export const authCommandChecks = [
  // No catalog entry: RFC 4954 §3 makes AUTH an EHLO extension, and RFC 5321 §4.1.4 says extension
  // commands need a successful EHLO first; the out-of-sequence reply is 503. Graded warn because
  // neither RFC states the server's refusal with a keyword.
  defineCheck({
    id: 'rfc4954/4/auth-before-ehlo',
    title: 'Sends AUTH (with an initial response of bogus credentials) before any EHLO',
    requirement: 'The server SHOULD refuse AUTH before EHLO, with 503',
    level: 'SHOULD',
    catalog: [],
    catalogNote: 'RFC 4954 §3 makes AUTH an extension negotiated by EHLO, and RFC 5321 §4.1.4 lets no extension command precede it; the catalog lists no entry for it',
    requires: ['AUTH'],
    run: async (s, ctx) => {
      required(s.greeting, 'greeting', [220]);
      // The mechanisms come from EHLO, which this connection must not send: ask another one.
      const scout = await ctx.connect();
      await handshake(scout, ctx);
      const mech = probeMechanism(scout);
      await scout.quit();
      const line = mech === 'PLAIN' ? `AUTH PLAIN ${plainResponse(bogusCredentials(ctx))}` : `AUTH ${mech ?? 'PLAIN'}`;
      const reply = await s.send(line);
      await cancelIfChallenged(s, reply);
      return expectReply(reply, { class: 'permfail', preferred: [503], wrong: [535, 534, 538] }, 'AUTH before EHLO');
    },
  }),

  // §4: an unsupported mechanism is refused with 504. A 334 starts an exchange for a mechanism
  // that does not exist: FAIL (the MUST's default); another 5xx is a non-strict pass.
  defineCheck({
    id: 'rfc4954/4/unknown-mechanism-504',
    title: 'Sends AUTH X-NO-SUCH-MECH',
    requirement: 'An unknown SASL mechanism MUST be refused with 504',
    level: 'MUST',
    catalog: ['4954-4-unknown-mechanism-504'],
    requires: ['AUTH'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const reply = await s.send('AUTH X-NO-SUCH-MECH');
      await cancelIfChallenged(s, reply);
      return expectReply(reply, { class: 'permfail', preferred: [504] }, 'AUTH X-NO-SUCH-MECH');
    },
  }),

  // §8 (and RFC 5321 §2.4): the verb and the mechanism name are case-insensitive.
  defineCheck({
    id: 'rfc4954/4/mech-case-insensitive',
    title: 'Sends AUTH <MECH> and cancels, then "auth <mech>" in lower case and cancels',
    requirement: 'The mechanism name MUST be accepted in any case: lower case behaves like upper case (334, then 501 to "*")',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'the catalog grades warn: clients send mechanism names in upper case',
    catalog: ['4954-4-mech-case-insensitive'],
    requires: ['AUTH'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const mech = probeMechanism(s);
      if (mech === undefined) return inconclusive(['AUTH with a mechanism'], 'no mechanism advertised', 'AUTH lists no mechanism');
      const upper = await s.send(`AUTH ${mech}`);
      if (upper.kind !== 'reply' || upper.code !== 334) {
        return inconclusive([`AUTH ${mech}: 334`], describeOutcome(upper), `the upper-case AUTH ${mech} did not start an exchange, so there is nothing to compare`);
      }
      const upperCancel = await s.send('*');
      const lower = await s.send(`auth ${mech.toLowerCase()}`);
      const lowerCancel = lower.kind === 'reply' && lower.code === 334 ? await s.send('*') : undefined;
      const expected = [`334, then ${describeOutcome(upperCancel)} (as for AUTH ${mech})`];
      const actual = `${describeOutcome(lower)}` + (lowerCancel ? `, then ${describeOutcome(lowerCancel)}` : '');
      if (lower.kind !== 'reply' || lower.code !== 334) return violation(expected, actual, `lower-case "auth ${mech.toLowerCase()}" was not accepted like AUTH ${mech}`);
      const same = lowerCancel?.kind === 'reply' && upperCancel.kind === 'reply' && lowerCancel.code === upperCancel.code;
      return same ? pass(expected, actual) : violation(expected, actual, 'the lower-case exchange ended differently from the upper-case one');
    },
  }),

  // §4: "AUTH command is not permitted during a mail transaction"; it is refused with 503.
  defineCheck({
    id: 'rfc4954/4/no-auth-in-transaction',
    title: 'Sends MAIL, then AUTH (bogus initial response) inside the open transaction',
    requirement: 'AUTH inside a mail transaction MUST be refused with 503',
    level: 'MUST',
    catalog: ['4954-4-no-auth-in-transaction'],
    requires: ['AUTH'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const mech = probeMechanism(s) ?? 'PLAIN';
      await mailFrom(s, ctx);
      const line = mech === 'PLAIN' ? `AUTH PLAIN ${plainResponse(bogusCredentials(ctx))}` : `AUTH ${mech}`;
      const reply = await s.send(line);
      await cancelIfChallenged(s, reply);
      if (reply.kind === 'reply' && reply.code === 503) return pass(['503'], describeOutcome(reply));
      return violation(['503'], describeOutcome(reply), 'AUTH inside a transaction was not refused with 503');
    },
  }),
];
