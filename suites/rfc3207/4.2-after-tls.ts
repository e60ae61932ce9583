import { describeOutcome, replyClass, type Outcome } from '../../harness/session/outcome.js';
import { nonStrict, pass, skip, unimplemented, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { upgradeToTls } from './support.js';

// RFC 3207 §4.2: after the handshake the server MUST NOT offer STARTTLS again (nor accept it);
// the list of extensions MAY change (AUTH, for instance, often appears only inside TLS).

export const afterTlsChecks = [
  defineCheck({
    id: 'rfc3207/4.2/no-starttls-after-tls',
    title: 'Negotiates TLS, sends EHLO, then STARTTLS again',
    requirement: 'Inside TLS the server MUST NOT advertise STARTTLS, and MUST refuse a second STARTTLS',
    level: 'MUST NOT',
    catalog: ['3207-4.2-no-starttls-after-tls'],
    needs: ['tls'],
    run: async (s, ctx) => {
      const before = await upgradeToTls(s, ctx);
      if (before === 'no-starttls') return unimplemented('the target does not offer STARTTLS');
      const advertised = s.has('STARTTLS');
      const again = await s.send('STARTTLS');
      return worstOf([
        { probe: 'EHLO inside TLS', verdict: advertised ? violation(['no STARTTLS keyword'], 'STARTTLS listed', 'STARTTLS is advertised again inside TLS') : pass(['no STARTTLS keyword'], 'not listed') },
        { probe: 'second STARTTLS', verdict: gradeSecond(again) },
      ]);
    },
  }),

  defineCheck({
    id: 'rfc3207/4.2/extensions-may-change',
    title: 'Compares the EHLO keywords before and after STARTTLS',
    requirement: 'The extensions offered inside TLS MAY differ from those offered before',
    level: 'MAY',
    catalog: ['3207-4.2-extensions-may-change'],
    requires: ['STARTTLS'],
    needs: ['tls'],
    run: async (s, ctx) => {
      if (s.tlsActive) return skip('the session is in TLS from the start; there is no cleartext EHLO to compare with');
      const before = await upgradeToTls(s, ctx);
      if (before === 'no-starttls' || before === undefined) return unimplemented('the target does not offer STARTTLS on this connection');
      const after = s.ehloKeywords ?? new Map<string, readonly string[]>();
      const show = (k: string, m: ReadonlyMap<string, readonly string[]>) => [k, ...(m.get(k) ?? [])].join(' ');
      const added = [...after.keys()].filter((k) => !before.has(k)).map((k) => show(k, after));
      const removed = [...before.keys()].filter((k) => !after.has(k)).map((k) => show(k, before));
      const changed = [...after.keys()].filter((k) => before.has(k) && show(k, before) !== show(k, after)).map((k) => `${show(k, before)} → ${show(k, after)}`);
      const parts = [added.length ? `added: ${added.join(', ')}` : '', removed.length ? `removed: ${removed.join(', ')}` : '', changed.length ? `changed: ${changed.join(', ')}` : ''].filter(Boolean);
      return pass(['any change'], parts.length ? parts.join('; ') : 'the same keywords before and after TLS');
    },
  }),
];

function gradeSecond(o: Outcome): Verdict {
  const expected = ['503', '554', '502', 'any 4xx/5xx'];
  const actual = describeOutcome(o);
  if (o.kind !== 'reply') return violation(expected, actual, `second STARTTLS: ${actual}`);
  if ([503, 554, 502].includes(o.code)) return pass(expected, actual);
  const cls = replyClass(o.code);
  if (cls === 'permfail' || cls === 'tempfail') return nonStrict(expected, actual, `${o.code} refuses the second STARTTLS; 503 or 554 are the usual codes`);
  return violation(expected, actual, `a second STARTTLS inside TLS got ${o.code}`);
}
