import { bodyArbitrary, deliveredContent, END_OF_DATA, sevenBit, wireContent } from '../../harness/model/body.js';
import { checkProperty } from '../../harness/model/property.js';
import { propertyVerdict } from '../../harness/model/verdict.js';
import { inconclusive } from '../../harness/verdict.js';
import { handshake, mailFrom, simpleMessage } from '../../harness/dialog.js';
import { required } from '../../harness/setup.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.5.2 (transparency: the receiver removes exactly one leading dot), §4.5.3.1.6 (lines
// of 1000 octets with the CRLF) and RFC 6152 §3 (8-bit data under BODY=8BITMIME): random bodies
// with leading dots, lines of up to 998 octets and 8-bit text go through the target to the relay
// sink, where each must arrive byte-identical (after the header fields, which relays may extend).
//
// Waits for the relay sink: the runner grades the check SKIPPED until a run has one. What the sink
// must compare is `deliveredContent(lines)` against the body of the message that arrives for the
// tagged recipient; test/prop does that comparison against the reference server's own store.

/** The recipient a body goes to: a sink.test mailbox tagged with the check run and the run number. */
export function sinkRecipient(token: string, run: number): string {
  return `prop-${token}-${run}@sink.test`;
}

export const bodyTransparencyChecks = [
  defineCheck({
    id: 'prop/4.5.2/body-transparency',
    title: 'Sends random message bodies through the target to the relay sink (RFC 5321 §4.5.2, §4.5.3.1.6; RFC 6152 §3): leading dots, lines of up to 998 octets, 8-bit text with BODY=8BITMIME',
    requirement: 'The server MUST deliver every body byte-identical: one stuffing dot removed per line, nothing else changed',
    level: 'MUST',
    catalog: ['5321-4.5.2-dot-transparency', '6152-3-data-stuffing-unchanged'],
    needs: ['sink'],
    run: async (s, ctx) => {
      required(s.greeting, 'greeting', [220]);
      const eightBit = ctx.probeKeywords.has('8BITMIME');
      let run = 0;
      const sent: Array<{ rcpt: string; expected: Buffer }> = [];
      const report = await checkProperty(
        s,
        ctx,
        {
          arbitrary: bodyArbitrary({ maxLines: 12, eightBit, long: true }),
          run: async (lines, env) => {
            const c = await env.connect();
            await handshake(c, ctx);
            await mailFrom(c, ctx, eightBit ? { params: 'BODY=8BITMIME' } : {});
            const rcpt = sinkRecipient(ctx.token, run++);
            required(await c.send(`RCPT TO:<${rcpt}>`), `RCPT TO:<${rcpt}>`, [250, 251]);
            const body = eightBit ? lines : sevenBit(lines);
            const head = Buffer.from(simpleMessage(ctx, ''), 'utf8');
            required(await c.send('DATA'), 'DATA', [354]);
            env.log.content(wireContent(body));
            await c.sendRaw(Buffer.concat([head, wireContent(body), Buffer.from(END_OF_DATA, 'latin1')]));
            required(await c.read(), 'end of data');
            sent.push({ rcpt, expected: deliveredContent(body) });
            env.commands += 4;
            // The sink's comparison goes here once the run has one (harness/sink): the body of the
            // message delivered to `rcpt` must equal deliveredContent(body).
          },
        },
        { defaultRuns: 20 },
      );
      const verdict = propertyVerdict(report, ['every body delivered byte-identical to the sink']);
      // Until harness/sink can be asked what arrived, a run that sent everything proves nothing.
      if (verdict.kind !== 'pass') return verdict;
      return inconclusive(verdict.expected, `${verdict.actual}; ${sent.length} bodies sent`, 'the comparison at the relay sink is not built yet');
    },
  }),
];
