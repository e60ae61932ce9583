import { handshake, mailFrom } from '../../harness/dialog.js';
import { defineCheck } from '../define.js';
import { utf8AddrXtext, utf8OrcptAccepted } from './utf8-orcpt.js';

// RFC 6533 §3 (only its abstract was read for the catalog): the "utf-8" address type lets ORCPT
// carry a non-ASCII original recipient. Outside an SMTPUTF8 transaction it is written in ASCII,
// each non-ASCII character as \x{HEX} (utf-8-addr-xtext), so even a plain ASCII transaction can
// carry it - e.g. for a recipient that an earlier hop downgraded. What a DSN then reports (media
// types, the address) needs the bounce catcher and is not looked at here.

export const utf8AddressTypeChecks = [
  defineCheck({
    id: 'rfc6533/3/utf8-orcpt-xtext',
    title: 'Sends an ASCII transaction whose RCPT carries ORCPT=utf-8;\\x{3B4}\\x{3BF}…@local NOTIFY=FAILURE',
    requirement: 'A server offering SMTPUTF8 and DSN implements RFC 6533: the utf-8 address type is accepted in ORCPT',
    level: 'INFO',
    catalog: ['6533-abstract-utf8-address-type'],
    requires: ['SMTPUTF8', 'DSN'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx);
      const original = utf8AddrXtext(`δοκιμή@${ctx.localDomain}`);
      return utf8OrcptAccepted(s, ctx.rcpt, original, 'ORCPT with the utf-8 address type');
    },
  }),
];
