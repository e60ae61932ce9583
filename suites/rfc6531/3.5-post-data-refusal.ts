import { bounceSender, describeRefusal, dotStuffOctets, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { info, pass, skip } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6531 §3.5: a server that finds only after the data that a recipient cannot take the UTF-8
// header fields refuses with 554 and X.6.9 - better, already at RCPT time (553 X.6.7). Only a
// relay that forwards while the client waits can do either; a store-and-forward relay accepts and
// bounces later (rfc6531/3.2/no-silent-downgrade grades that). Recorded only.

export const postDataRefusalChecks = [
  defineCheck({
    id: 'rfc6531/3.5/post-data-554-x69',
    title: 'Sends, with SMTPUTF8, a message with a UTF-8 Subject to noutf8.sink.test (a next hop without SMTPUTF8)',
    requirement: 'A server that refuses it there and then does so at RCPT (553 X.6.7 style) or after the data with 554 X.6.9 (recorded)',
    level: 'INFO',
    severityNote: 'The catalog marks it "implied" with grade info: only in-line relays can answer this way',
    catalog: ['6531-3.5-post-data-554-x69'],
    requires: ['SMTPUTF8'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'noUtf8', 'x69');
      const message = taggedMessage(ctx, { to, headers: 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nX-Smtpspec-Subject: Grüße\r\n', body: 'Grüße\r\n' });
      const params = ctx.probeKeywords.has('8BITMIME') ? 'SMTPUTF8 BODY=8BITMIME' : 'SMTPUTF8';
      const sub = await submitForRelay(s, ctx, { from: bounceSender(ctx, 'x69'), rcpts: [to], mailParams: params, content: dotStuffOctets(message) });
      const expected = ['553 X.6.7 (or another refusal with X.6.7) at RCPT', '554 X.6.9 after the data'];
      if (sub.accepted) return skip(`the target accepted the message (${describeOutcome(sub.final)}): a store-and-forward relay, which bounces later (see rfc6531/3.2/no-silent-downgrade)`);
      const o = sub.outcome;
      const actual = describeRefusal(sub);
      if (o.kind !== 'reply' || o.code < 500) return skip(`not refused for good (${actual})`);
      if (sub.step.startsWith('RCPT')) return /^5\.6\.7$/.test(o.enhanced ?? '') ? pass(expected, actual) : info(expected, actual, 'refused at RCPT, without the X.6.7 status code');
      if (sub.step === 'end of data') return o.code === 554 && /^5\.6\.9$/.test(o.enhanced ?? '') ? pass(expected, actual) : info(expected, actual, 'refused after the data, but not with 554 X.6.9');
      return skip(`refused at ${sub.step}, before the recipient was known (${actual})`);
    },
  }),
];
