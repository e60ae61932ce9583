import { defineCheck } from '../define.js';
import { contentProbe, headerDate } from './content-probe.js';

// RFC 5321 §3.7.2: receivers MUST NOT reject a message because an existing trace (Received:) field
// is malformed; they only add their own.

export const traceFieldChecks = [
  defineCheck({
    id: 'rfc5321/3.7.2/malformed-trace-not-judged',
    title: 'Delivers a message whose Received: fields are malformed (no clauses; an impossible date)',
    requirement: 'The server MUST NOT reject a message because of malformed Received: fields',
    level: 'MUST NOT',
    catalog: ['5321-3.7.2-no-reject-on-trace-format'],
    run: (s, ctx) => {
      const content =
        'Received: this is not a valid received line\r\n' +
        'Received: from x by y; Foo, 99 Bar 2099 99:99:99 +9999\r\n' +
        `From: <${ctx.sender}>\r\nTo: <${ctx.rcpt}>\r\nSubject: smtpspec ${ctx.token} trace\r\n` +
        `Date: ${headerDate()}\r\nMessage-ID: <${ctx.token}@${ctx.heloName}>\r\n\r\nmalformed trace fields above\r\n`;
      return contentProbe(s, ctx, content, 'malformed Received: fields');
    },
  }),
];
