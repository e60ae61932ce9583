import { awaitRelayOrBounce, bounceSender, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay } from '../../harness/relay.js';
import { headerFields, splitMessage } from '../../harness/sink/mime.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §6.4: adding a missing Message-ID or Date, or qualifying addresses, is for originating
// and submission servers; a relay (here: an unauthenticated client relaying to the sink) leaves the
// header alone. Graded warn: configurations that rewrite for some clients are common (catalog).

export const relayNoFixupChecks = [
  defineCheck({
    id: 'rfc5321/6.4/relay-no-fixups',
    title: 'Relays, without authentication, a message without Message-ID and Date whose To field is the unqualified "localuser"',
    requirement: 'A relay MUST NOT add Message-ID or Date, nor qualify addresses in the header',
    level: 'MUST NOT',
    severity: 'warn',
    severityNote: 'The catalog grades it warn: servers rewrite headers for clients they take as local, and configurations vary',
    catalog: ['5321-6.4-relay-no-fixups'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const header = `From: <${bounceSender(ctx)}>\r\nTo: localuser\r\nSubject: smtpspec relay ${ctx.token} without Message-ID and Date\r\n`;
      const message = Buffer.from(`${header}\r\na message an originating server would have fixed up\r\n`, 'latin1');
      requireAccepted(await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], content: dotStuffOctets(message) }));
      const arrival = await awaitRelayOrBounce(ctx);
      const expected = ['no Message-ID or Date added; "To: localuser" unchanged'];
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink');
      const fields = headerFields(splitMessage(t.content).header);
      const added = fields.filter((f) => /^(message-id|date)$/i.test(f.name)).map((f) => f.name);
      const toField = fields.find((f) => /^to$/i.test(f.name))?.value.trim();
      const actual = `${describeWait(ctx, arrival)}; fields at the sink: ${fields.map((f) => f.name).join(', ')}; To: ${toField ?? '(none)'}`;
      const fixes = [...(added.length > 0 ? [`added ${added.join(' and ')}`] : []), ...(toField !== 'localuser' ? ['changed the To field'] : [])];
      return fixes.length === 0 ? pass(expected, actual) : violation(expected, actual, `the relay fixed up the header: ${fixes.join('; ')}`);
    },
  }),
];
