import { defineCheck } from '../define.js';
import { contentProbe, headerDate } from './content-probe.js';

// RFC 5321 §3.3: an SMTP server MUST NOT reject a message because its Resent- fields are
// incomplete or do not pair up, and SHOULD NOT reject it for perceived defects of the RFC 5322
// header or of the MIME structure: that is the business of the sender and the final recipient.

export const contentNotJudgedChecks = [
  defineCheck({
    id: 'rfc5321/3.3/resent-fields-not-judged',
    title: 'Delivers a message with a Resent-To but no Resent-From, and two Resent-Date fields',
    requirement: 'The server MUST NOT reject a message because of incomplete or unpaired Resent- fields',
    level: 'MUST NOT',
    catalog: ['5321-3.3-no-reject-resent-mismatch'],
    run: (s, ctx) => {
      const resent = `Resent-To: <x@${ctx.heloName}>\r\nResent-Date: ${headerDate()}\r\nResent-Date: Mon, 1 Jan 2024 00:00:00 +0000\r\n`;
      const content =
        `${resent}From: <${ctx.sender}>\r\nTo: <${ctx.rcpt}>\r\nSubject: smtpspec ${ctx.token} resent\r\n` +
        `Date: ${headerDate()}\r\nMessage-ID: <${ctx.token}@${ctx.heloName}>\r\n\r\nresent fields that do not pair up\r\n`;
      return contentProbe(s, ctx, content, 'unpaired Resent- fields');
    },
  }),

  // Grade warn: refusing defective headers is common anti-spam policy (catalog).
  defineCheck({
    id: 'rfc5321/3.3/header-defects-not-judged',
    title: 'Delivers a message without Date and Message-ID, with a MIME boundary that never appears and a 900-octet Subject',
    requirement: 'The server SHOULD NOT reject a message for defects of its header or MIME structure',
    level: 'SHOULD NOT',
    catalog: ['5321-3.3-no-reject-header-defects'],
    run: (s, ctx) => {
      const subject = `smtpspec ${ctx.token} ` + 'long subject '.repeat(70);
      const content =
        `From: <${ctx.sender}>\r\nTo: <${ctx.rcpt}>\r\nSubject: ${subject.trimEnd()}\r\nMIME-Version: 1.0\r\n` +
        `Content-Type: multipart/mixed; boundary="never-used-${ctx.token}"\r\n\r\nno part ever starts\r\n`;
      return contentProbe(s, ctx, content, 'header and MIME defects');
    },
  }),
];
