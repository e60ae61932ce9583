import { handshake } from '../../harness/dialog.js';
import { required } from '../../harness/setup.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { base64 } from '../../harness/session/sasl.js';
import { inconclusive, nonStrict, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { bogusCredentials, cancelIfChallenged, probeMechanism, usable } from './sasl-probes.js';

// RFC 4954 §4 and §8: the 334 continuation carries only base64 (an empty challenge is "334 "),
// a client response of "*" cancels with 501, and a response that is not base64 gets 501.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Exactly 501, nothing else (catalog ambiguity 15: these 501s are MUSTs and stay strict). */
function exactly501(o: Outcome, what: string): Verdict {
  if (o.kind === 'reply' && o.code === 501) return pass(['501'], describeOutcome(o));
  return violation(['501'], describeOutcome(o), `${what}: expected 501, got ${describeOutcome(o)}`);
}

/** continue-req = "334" SP [base64] CRLF, single line; `empty` demands the empty challenge. */
function challengeVerdict(o: Outcome, what: string, empty: boolean): Verdict {
  const expected = [empty ? '"334 " (empty challenge)' : '334 SP base64'];
  const actual = describeOutcome(o);
  if (o.kind !== 'reply' || o.code !== 334) return inconclusive(expected, actual, `${what}: no challenge to check`);
  const raw = o.raw.toString('latin1');
  const m = /^334(?: (.*))?\r\n$/s.exec(raw);
  if (!m) return violation(expected, JSON.stringify(raw), `${what}: a 334 continuation is one line of base64`);
  const text = m[1];
  if (text === undefined) return nonStrict(expected, JSON.stringify(raw), `${what}: "334" without the space the continue-req grammar requires`);
  if (empty && text !== '') return violation(expected, JSON.stringify(raw), `${what}: PLAIN has no server challenge, so the 334 must be empty`);
  if (!BASE64.test(text)) return violation(expected, JSON.stringify(raw), `${what}: the challenge is not base64 (${JSON.stringify(text)})`);
  return pass(expected, JSON.stringify(raw));
}

export const authExchangeChecks = [
  defineCheck({
    id: 'rfc4954/4/cancel-501',
    title: 'Sends AUTH <mech> without an initial response, answers the 334 with "*", then NOOP',
    requirement: 'A "*" response MUST cancel the exchange with 501, and the session goes on',
    level: 'MUST',
    catalog: ['4954-4-cancel-501'],
    requires: ['AUTH'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const mech = probeMechanism(s) ?? 'PLAIN';
      required(await s.send(`AUTH ${mech}`), `AUTH ${mech}`, [334]);
      const cancel = await s.send('*');
      const noop = await s.send('NOOP');
      return worstOf([
        { probe: '*', verdict: exactly501(cancel, 'cancelled exchange') },
        { probe: 'NOOP', verdict: noop.kind === 'reply' && noop.code === 250 ? pass(['250'], describeOutcome(noop)) : violation(['250'], describeOutcome(noop), 'the session did not go on after the cancelled AUTH') },
      ]);
    },
  }),

  defineCheck({
    id: 'rfc4954/4/invalid-base64-501',
    title: 'Sends responses that are not base64 ("dGVz!dA==", "=AAA", "AAA=BBB", "@@@@")',
    requirement: 'A client response that is not valid base64 MUST be refused with 501',
    level: 'MUST',
    catalog: ['4954-4-invalid-base64-501'],
    requires: ['AUTH'],
    run: async (first, ctx) => {
      await handshake(first, ctx);
      const mech = probeMechanism(first) ?? 'PLAIN';
      // PLAIN takes them as initial responses (and one as a continuation); other mechanisms as
      // the answer to their first 334.
      const probes = mech === 'PLAIN'
        ? [{ initial: 'dGVz!dA==' }, { initial: '=AAA' }, { initial: 'AAA=BBB' }, { response: '@@@@' }]
        : [{ response: 'dGVz!dA==' }, { response: '=AAA' }, { response: 'AAA=BBB' }, { response: '@@@@' }];
      let s: Session = first;
      const parts: Array<{ probe: string; verdict: Verdict }> = [];
      for (const p of probes) {
        s = await usable(s, ctx);
        let reply: Outcome;
        if ('initial' in p) {
          reply = await s.send(`AUTH ${mech} ${p.initial}`);
        } else {
          const start = await s.send(`AUTH ${mech}`);
          reply = start.kind === 'reply' && start.code === 334 ? await s.send(p.response) : start;
        }
        await cancelIfChallenged(s, reply);
        const name = 'initial' in p ? `AUTH ${mech} ${p.initial}` : `response ${p.response}`;
        parts.push({ probe: name, verdict: exactly501(reply, name) });
      }
      return worstOf(parts);
    },
  }),

  defineCheck({
    id: 'rfc4954/4/challenge-format',
    title: 'Sends AUTH for each advertised mechanism without an initial response and reads the 334 challenges',
    requirement: 'A 334 challenge MUST NOT carry anything but base64 ("334 " alone for PLAIN)',
    level: 'MUST NOT',
    catalog: ['4954-4-challenge-format'],
    requires: ['AUTH'],
    run: async (first, ctx) => {
      await handshake(first, ctx);
      // The mechanisms with well-known challenges first; at most four probes.
      const offered = (first.params('AUTH') ?? []).map((m) => m.toUpperCase());
      const mechs = [...['PLAIN', 'LOGIN', 'CRAM-MD5'].filter((m) => offered.includes(m)), ...offered.filter((m) => !['PLAIN', 'LOGIN', 'CRAM-MD5'].includes(m))].slice(0, 4);
      let s: Session = first;
      const parts: Array<{ probe: string; verdict: Verdict }> = [];
      const noChallenge: string[] = [];
      for (const mech of mechs) {
        s = await usable(s, ctx);
        let reply = await s.send(`AUTH ${mech}`);
        // A mechanism that answers without a challenge (EXTERNAL without a certificate) has no format to check.
        if (reply.kind !== 'reply' || reply.code !== 334) {
          noChallenge.push(`AUTH ${mech}: ${describeOutcome(reply)}`);
          continue;
        }
        parts.push({ probe: `AUTH ${mech}`, verdict: challengeVerdict(reply, `AUTH ${mech}`, mech === 'PLAIN') });
        if (mech === 'LOGIN') {
          // LOGIN asks twice; the password prompt must be base64 too.
          reply = await s.send(base64(bogusCredentials(ctx).user));
          if (reply.kind === 'reply' && reply.code === 334) parts.push({ probe: 'LOGIN second challenge', verdict: challengeVerdict(reply, 'LOGIN second challenge', false) });
        }
        await cancelIfChallenged(s, reply);
      }
      if (parts.length === 0) return inconclusive(['334 challenges'], noChallenge.join('; ') || 'no mechanism advertised', 'no mechanism answered with a challenge');
      return worstOf(parts);
    },
  }),
];
