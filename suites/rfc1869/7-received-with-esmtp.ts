import type { CheckContext } from '../../harness/check.js';
import { heloHandshake } from '../../harness/dialog.js';
import { awaitRelayOrBounce, bounceSender, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage, type Arrival } from '../../harness/relay.js';
import type { Session } from '../../harness/session/session.js';
import { required } from '../../harness/setup.js';
import { worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { gradeReceivedWith } from '../rfc5321/received-with.js';

// RFC 1869 §7: the Received field of a message that came with service extensions says "with ESMTP";
// RFC 3848 and RFC 6531 §3.7.3 refine the name (ESMTPS, ESMTPA, UTF8SMTP...). A session opened with
// HELO is plain SMTP. Compared case-insensitively.

/** A MAIL parameter of an advertised extension, so that the EHLO session really uses one. */
function extensionParam(keywords: ReadonlySet<string>): string | undefined {
  if (keywords.has('SIZE')) return 'SIZE=1000';
  if (keywords.has('8BITMIME')) return 'BODY=7BIT';
  return undefined;
}

async function afterHelo(s: Session, ctx: CheckContext, label: string): Promise<Arrival> {
  await heloHandshake(s, ctx);
  const to = sinkRecipient(ctx, 'full', label);
  required(await s.send(`MAIL FROM:<${bounceSender(ctx, label)}>`), 'MAIL after HELO');
  required(await s.send(`RCPT TO:<${to}>`), 'RCPT after HELO', [250, 251]);
  required(await s.send('DATA'), 'DATA after HELO', [354]);
  await s.sendRaw(dotStuffOctets(taggedMessage(ctx, { to, body: 'relayed after HELO\r\n' })));
  await s.sendRaw('.\r\n');
  required(await s.read(), 'end of data after HELO');
  return awaitRelayOrBounce(ctx, label);
}

function judge(ctx: CheckContext, arrival: Arrival, fits: (name: string) => boolean, want: string): Verdict {
  return gradeReceivedWith(ctx, arrival, { expected: want, fits, mismatch: (name) => `"${name}" does not say how the message came (${want})` });
}

export const receivedWithEsmtpChecks = [
  defineCheck({
    id: 'rfc1869/7/received-with-esmtp',
    title: 'Relays one message after EHLO with an extension parameter on MAIL (SIZE= or BODY=), and one after HELO, and reads each WITH clause',
    requirement: 'The Received field SHOULD say "with ESMTP" (or a more specific RFC 3848/6531 name) for the EHLO session, and "with SMTP" for the HELO one',
    level: 'SHOULD',
    catalog: ['1869-7-received-with-esmtp'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full', 'ehlo');
      const param = extensionParam(ctx.probeKeywords);
      requireAccepted(
        await submitForRelay(s, ctx, { from: bounceSender(ctx, 'ehlo'), rcpts: [to], ...(param ? { mailParams: param } : {}), content: dotStuffOctets(taggedMessage(ctx, { to, body: 'relayed after EHLO\r\n' })) }),
      );
      const ehlo = judge(ctx, await awaitRelayOrBounce(ctx, 'ehlo'), (n) => /^(ESMTP|UTF8SMTP)S?A?$/.test(n), 'with ESMTP, ESMTPS, ESMTPA, ESMTPSA or UTF8SMTP...');
      const helo = judge(ctx, await afterHelo(await ctx.connect(), ctx, 'helo'), (n) => n === 'SMTP', 'with SMTP');
      return worstOf([
        { probe: `EHLO session${param ? ` (MAIL ${param})` : ''}`, verdict: ehlo },
        { probe: 'HELO session', verdict: helo },
      ]);
    },
  }),
];
