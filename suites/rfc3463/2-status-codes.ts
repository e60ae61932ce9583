import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { isExempt, representativeSession, shown, statusCodeAttempt } from '../rfc2034/monitor.js';
import { ENHANCED_REGISTRY_SNAPSHOT, REGISTERED_SUBJECT_DETAIL } from './registry.js';

// RFC 3463 §2: status-code = class "." subject "." detail; class 2, 4 or 5; subject and detail
// 1-3 digits with no leading zeros and no white space. Servers SHOULD send only defined codes
// (§2-3, the IANA registry of RFC 5248). Both checks inspect every reply of the RFC 2034
// representative session.

const STATUS_CODE = /^[245]\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

const list = (items: readonly string[]): string => items.slice(0, 5).join('; ') + (items.length > 5 ? `; … (${items.length} in all)` : '');

export const statusCodeChecks = [
  defineCheck({
    id: 'rfc3463/2/status-code-syntax',
    title: 'Runs a representative EHLO session and parses the enhanced status code of every reply line',
    requirement: 'Every enhanced status code MUST be class.subject.detail: class 2, 4 or 5, 1-3 digit sub-codes without leading zeros or white space',
    level: 'MUST',
    catalog: ['3463-2-status-code-syntax'],
    requires: ['ENHANCEDSTATUSCODES'],
    run: async (s, ctx) => {
      const exchanges = (await representativeSession(s, ctx, 'EHLO')).filter((e) => !isExempt(e));
      const bad: string[] = [];
      let seen = 0;
      for (const e of exchanges) {
        e.reply.lines.forEach((text, i) => {
          const attempt = statusCodeAttempt(text);
          if (attempt === undefined) return;
          seen++;
          if (!STATUS_CODE.test(attempt)) bad.push(`${JSON.stringify(attempt)} in ${shown(e, i)}`);
        });
      }
      const expected = ['class.subject.detail, e.g. 5.1.1 (no 5.01.1, 5 .1.1, 5.1, 3.0.0)'];
      const actual = `${seen} status codes in ${exchanges.length} replies` + (bad.length ? `; malformed: ${list(bad)}` : '');
      return bad.length === 0 ? pass(expected, actual) : violation(expected, actual, `malformed enhanced status codes: ${list(bad)}`);
    },
  }),

  defineCheck({
    id: 'rfc3463/2/registered-codes',
    title: 'Runs a representative EHLO session and looks up every enhanced status code in a snapshot of the IANA registry',
    requirement: 'Servers SHOULD send only enhanced status codes that are defined (registered)',
    level: 'SHOULD',
    severity: 'info',
    severityNote: `the registry grows and the snapshot (${ENHANCED_REGISTRY_SNAPSHOT}) may lag behind it; an unknown code is recorded, not graded`,
    catalog: ['3463-2-registered-codes'],
    requires: ['ENHANCEDSTATUSCODES'],
    run: async (s, ctx) => {
      const exchanges = (await representativeSession(s, ctx, 'EHLO')).filter((e) => !isExempt(e));
      const seen = new Set<string>();
      const unknown: string[] = [];
      for (const e of exchanges) {
        const code = statusCodeAttempt(e.reply.lines[0] ?? '');
        if (code === undefined || !STATUS_CODE.test(code) || seen.has(code)) continue;
        seen.add(code);
        if (!REGISTERED_SUBJECT_DETAIL.has(code.slice(2))) unknown.push(`${code} (${shown(e)})`);
      }
      const expected = [`codes registered with IANA (snapshot: ${ENHANCED_REGISTRY_SNAPSHOT})`];
      const actual = `codes seen: ${[...seen].join(', ') || 'none'}`;
      return unknown.length === 0 ? pass(expected, actual) : violation(expected, actual, `codes not in the registry snapshot: ${list(unknown)}`);
    },
  }),
];
