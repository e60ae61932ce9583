import { awaitRelayOrBounce, bounceSender, describeRefusal, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { eightBitCount } from '../../harness/sink/mime.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6532 §3.7 (and §3.5): a message/global part, unlike message/rfc822, may carry a content
// transfer encoding; sent to a 7-bit-only hop it must get one. The outer message is ASCII apart
// from the embedded message's UTF-8 header, so it needs 8BITMIME but not SMTPUTF8.

const BOUNDARY = 'smtpspec-global-part';

function body(ctx: { token: string }): Buffer {
  return Buffer.from(
    [
      'This is a MIME message with an internationalized message attached.',
      '',
      `--${BOUNDARY}`,
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'See the attached message.',
      '',
      `--${BOUNDARY}`,
      'Content-Type: message/global',
      'Content-Transfer-Encoding: 8bit',
      '',
      'From: "Jörg" <joerg@client.test>',
      'To: <用户@client.test>',
      `Subject: Grüße ${ctx.token}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Grüße aus dem eingebetteten Header.',
      '',
      `--${BOUNDARY}--`,
      '',
    ].join('\r\n'),
    'utf8',
  );
}

export const messageGlobalChecks = [
  defineCheck({
    id: 'rfc6532/3.7/message-global',
    title: 'Relays to 7bit.sink.test (no 8BITMIME), with BODY=8BITMIME, a multipart message with a message/global part whose header is UTF-8',
    requirement: 'The message/global part MUST arrive with a 7-bit content transfer encoding (base64 or quoted-printable), or the message is bounced',
    level: 'MUST',
    severity: 'info',
    severityNote: 'The catalog grades it info; the 8-bit octets on the wire are graded FAIL by rfc6152/3/relay-to-7bit-hop',
    catalog: ['6532-3.7-message-global'],
    requires: ['8BITMIME'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'sevenBit');
      const message = taggedMessage(ctx, { to, headers: `MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${BOUNDARY}"\r\n`, body: body(ctx) });
      const sub = await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], mailParams: 'BODY=8BITMIME', content: dotStuffOctets(message) });
      const expected = ['the message/global part encoded to 7 bits at the 7-bit hop', 'a bounce', 'a refusal'];
      if (!sub.accepted && sub.step === 'end of data' && sub.outcome.kind === 'reply' && sub.outcome.code >= 500) return pass(expected, `refused: ${describeRefusal(sub)}`);
      requireAccepted(sub);
      const arrival = await awaitRelayOrBounce(ctx);
      if (arrival.bounce) return pass(expected, `bounced: ${describeWait(ctx, arrival)}`);
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, describeWait(ctx, arrival), 'neither the message nor a bounce arrived');
      const octets = eightBitCount(t.content);
      const actual = `${describeWait(ctx, arrival)}; ${octets} octets above 127; MAIL parameters: ${t.mailParams.join(' ') || 'none'}`;
      if (octets > 0) return violation(expected, actual, 'the message/global part went to the 7-bit hop with 8-bit octets');
      return pass(expected, actual);
    },
  }),
];
