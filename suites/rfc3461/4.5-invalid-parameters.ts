import { expectReply } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { mailProbes, rcptProbes } from './support.js';

// RFC 3461 §4.5 and §5.1: a DSN parameter given twice, or with a value outside its syntax, is a
// syntax error: 501. NEVER cannot be combined with other NOTIFY values (§4.1); ORCPT is
// addr-type ";" xtext (§4.2); ENVID is xtext (§4.4); RET is FULL or HDRS (§4.3).

export const invalidParameterChecks = [
  // A 555 or another 5xx is a non-strict pass (the catalog grades 555 warn); a 250 fails.
  defineCheck({
    id: 'rfc3461/4.5/duplicate-or-invalid-mail-params',
    title: 'Sends MAIL with RET=SOME, RET twice, ENVID twice, ENVID=bad+ZZ, ENVID= and a bare RET',
    requirement: 'A repeated or invalid RET or ENVID MUST be refused with 501',
    level: 'MUST',
    catalog: ['3461-4.5-duplicate-or-invalid-mail-params'],
    requires: ['DSN'],
    run: (s, ctx) =>
      mailProbes(s, ctx, ['RET=SOME', 'RET=FULL RET=HDRS', 'ENVID=a ENVID=b', 'ENVID=bad+ZZ', 'ENVID=', 'RET'], (o, what) =>
        expectReply(o, { class: 'permfail', preferred: [501] }, what),
      ),
  }),

  defineCheck({
    id: 'rfc3461/4.5/duplicate-or-invalid-rcpt-params',
    title: 'Sends RCPT with NOTIFY=NEVER,SUCCESS, NOTIFY=SOMETIMES, NOTIFY twice, ORCPT twice, ORCPT without addr-type and NOTIFY=',
    requirement: 'A repeated or invalid NOTIFY or ORCPT SHOULD be refused with 501',
    level: 'SHOULD',
    catalog: ['3461-4.5-duplicate-or-invalid-rcpt-params'],
    requires: ['DSN'],
    run: (s, ctx) =>
      rcptProbes(
        s,
        ctx,
        ['NOTIFY=NEVER,SUCCESS', 'NOTIFY=SOMETIMES', 'NOTIFY=SUCCESS NOTIFY=FAILURE', 'ORCPT=rfc822;a@b ORCPT=rfc822;c@d', 'ORCPT=nosemicolon', 'NOTIFY='],
        (o, what) => expectReply(o, { class: 'permfail', preferred: [501] }, what),
      ),
  }),
];
