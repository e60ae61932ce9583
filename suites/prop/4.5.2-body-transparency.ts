import { bodyArbitrary, deliveredContent, END_OF_DATA, sevenBit, wireContent } from '../../harness/model/body.js';
import { checkProperty } from '../../harness/model/property.js';
import { propertyVerdict } from '../../harness/model/verdict.js';
import { splitMessage } from '../../harness/sink/mime.js';
import { inconclusive } from '../../harness/verdict.js';
import { handshake, mailFrom, simpleMessage } from '../../harness/dialog.js';
import { required } from '../../harness/setup.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.5.2 (transparency: the receiver removes exactly one leading dot), §4.5.3.1.6 (lines
// of 1000 octets with the CRLF) and RFC 6152 §3 (8-bit data under BODY=8BITMIME): random bodies
// with leading dots, lines of up to 998 octets and 8-bit text go through the target to the relay
// sink, where each must arrive byte-identical (after the header fields, which relays may extend).
//
// Each run waits (bounded, --sink-wait) for its message at the relay sink and compares the body
// that arrived with `deliveredContent(lines)`; a body that never arrives makes the check
// inconclusive, not failed (a real MTA may still hold it in its queue).

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
      let compared = 0;
      const missing: string[] = [];
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
            env.commands += 4;
            const arrived = await ctx.sink?.waitFor((t) => t.rcpts.some((r) => r.address === rcpt));
            if (!arrived) {
              missing.push(rcpt);
              return;
            }
            compared++;
            const got = splitMessage(arrived.content).body;
            const want = deliveredContent(body);
            if (!got.equals(want)) throw new Error(`the body at the sink differs from the one sent ${firstDifference(want, got)}`);
          },
        },
        { defaultRuns: 20 },
      );
      const verdict = propertyVerdict(report, ['every body delivered byte-identical to the sink']);
      if (verdict.kind !== 'pass' || missing.length === 0) return verdict;
      return inconclusive(verdict.expected, `${verdict.actual}; ${compared} bodies compared`, `${missing.length} bodies did not reach the sink in time, e.g. for <${missing[0]}>`);
    },
  }),
];

function firstDifference(want: Buffer, got: Buffer): string {
  let i = 0;
  while (i < want.length && i < got.length && want[i] === got[i]) i++;
  return `at octet ${i} (sent ${want.length} octets, got ${got.length})`;
}
