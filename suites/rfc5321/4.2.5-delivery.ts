import type { CheckContext } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import { awaitRelayOrBounce, bounceSender, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { pass, skip, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { describeArrivals, envelope, passBarrier, probeArrivals } from './relay-barrier.js';

// RFC 5321 §4.2.5 (and §6.1): a 2xx reply to the end of data means the server has taken
// responsibility for the message - it delivers or bounces it, never loses it; a 4xx or 5xx reply
// means it will never deliver it.

/** The largest advertised SIZE worth exceeding on purpose (the catalog's practical limit). */
const MAX_SIZE_PROBE = 50 * 1024 * 1024;

/** One transaction whose end of data a conforming server may refuse; the reply to the end of data. */
async function refusableTransaction(s: Session, ctx: CheckContext, label: string, content: Buffer): Promise<Outcome | undefined> {
  const { mail, rcpts } = await envelope(s, ctx, { label, rcpts: [sinkRecipient(ctx, 'full', label)], ehlo: false });
  if (!isOk(mail) || !rcpts.every(isOk)) return undefined;
  const data = await s.send('DATA');
  if (data.kind !== 'reply' || data.code !== 354) return undefined;
  await s.sendRaw(content);
  await s.sendRaw('.\r\n');
  return s.read();
}

function isOk(o: Outcome): boolean {
  return o.kind === 'reply' && o.code >= 200 && o.code < 300;
}

function isRefusal(o: Outcome | undefined): boolean {
  return o?.kind === 'reply' && o.code >= 400;
}

export const deliveryResponsibilityChecks = [
  defineCheck({
    id: 'rfc5321/4.2.5/250-means-delivery',
    title: 'Relays a small plain message to the sink and waits for it',
    requirement: 'After 250 to the end of data the server MUST deliver the message (or bounce it), never lose it',
    level: 'MUST',
    catalog: ['5321-4.2.5-250-means-delivery'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const message = taggedMessage(ctx, { to, body: 'a plain message that must arrive\r\n' });
      requireAccepted(await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], content: dotStuffOctets(message) }));
      const arrival = await awaitRelayOrBounce(ctx);
      const expected = ['the message at the sink', 'a notification to the sender'];
      if (arrival.delivered) return pass(expected, `delivered: ${describeWait(ctx, arrival)}`);
      if (arrival.bounce) return pass(expected, `bounced to the sender: ${describeWait(ctx, arrival)}`);
      return violation(expected, describeWait(ctx, arrival), 'the server answered 250 to the end of data, and neither the message nor a notification arrived (a slow queue needs a longer --sink-wait)');
    },
  }),

  defineCheck({
    id: 'rfc5321/4.2.5/no-delivery-after-error',
    title: 'Provokes a refusal at the end of data (a bare LF in the body; else a message over the advertised SIZE), then relays a barrier message and watches the sink',
    requirement: 'A message whose end of data got 4xx or 5xx MUST NOT be delivered',
    level: 'MUST NOT',
    catalog: ['5321-4.2.5-no-delivery-after-error'],
    needs: ['sink'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const head = (label: string) => taggedMessage(ctx, { to: sinkRecipient(ctx, 'full', label), body: '' });
      // A lone LF is refused by servers that guard against SMTP smuggling (RFC 5321 §2.3.8).
      const bareLf = await refusableTransaction(s, ctx, 'bare-lf', Buffer.concat([head('bare-lf'), Buffer.from('a line with a bare\nLF in it\r\n', 'latin1')]));
      const probes: string[] = [`bare LF: ${bareLf ? describeOutcome(bareLf) : 'not sent (envelope refused)'}`];
      let refusedLabel = isRefusal(bareLf) ? 'bare-lf' : undefined;
      const size = Number(s.params('SIZE')?.[0] ?? 0);
      if (!refusedLabel && size > 0 && size <= MAX_SIZE_PROBE && !s.isClosed) {
        if (!isOk(await s.send('RSET'))) return skip('RSET was refused after the first probe');
        const line = `${'x'.repeat(998)}\r\n`;
        const body = Buffer.from(line.repeat(Math.ceil((size + 1) / line.length)), 'latin1');
        const over = await refusableTransaction(s, ctx, 'over-size', Buffer.concat([head('over-size'), body]));
        probes.push(`${body.length} octets over SIZE ${size}: ${over ? describeOutcome(over) : 'not sent'}`);
        if (isRefusal(over)) refusedLabel = 'over-size';
      }
      if (!refusedLabel) return skip(`no end of data was refused, so there is nothing that must not be delivered (${probes.join('; ')})`);
      const barrier = await passBarrier(ctx);
      const expected = ['nothing of the refused message at the sink'];
      const found = probeArrivals(ctx, refusedLabel).filter((t) => t.profile !== 'bounce');
      const actual = `${probes.join('; ')}; ${barrier.summary}; at the sink: ${describeArrivals(found)}`;
      if (found.length > 0) return violation(expected, actual, 'the server refused the end of data and delivered the message anyway');
      if (!barrier.arrival) return skip(`the barrier message did not arrive, so the absence means nothing (${actual})`);
      return pass(expected, actual);
    },
  }),
];
