import { handshake, mailFrom, rcptTo, sendData, simpleMessage } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { expectReply, nonStrict, pass, unimplemented, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { advertisedLimit, filler } from './support.js';

// RFC 1870 §6.3 and §4: once a declared size is accepted, 552 after the data is for a message
// larger than declared (SHOULD NOT otherwise); a message over the fixed limit is refused with 552
// whatever was declared. The oversized probe sends limit + 1 octets, so only for limits up to
// 50 MB (catalog) - and only a 20 MB one in the default run, to keep it quick.

const DEFAULT_MAX_OVERSIZE = 20 * 1024 * 1024;

export const actualSizeChecks = [
  defineCheck({
    id: 'rfc1870/6.3/actual-size-check',
    title: 'Declares and sends about 1000 octets; then declares 1000 and sends one octet more than the advertised limit',
    requirement: 'The server SHOULD NOT answer 552 to a message within its declaration, and SHOULD refuse one over its fixed limit with 552',
    level: 'SHOULD NOT',
    catalog: ['1870-6.3-actual-size-check'],
    requires: ['SIZE'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const limit = advertisedLimit(s);
      if (limit === undefined || limit === 0) return unimplemented('the target announces no fixed SIZE limit');
      const head = simpleMessage(ctx, '');
      const content = Buffer.concat([Buffer.from(head, 'utf8'), filler(1000 - head.length, 'within')]);
      await mailFrom(s, ctx, { params: `SIZE=${content.length}` });
      await rcptTo(s, ctx);
      const within = await sendData(s, content);
      const probes = [{ probe: `${content.length} octets as declared`, verdict: expectReply(within, { class: 'ok', preferred: [250] }) }];
      if (limit > DEFAULT_MAX_OVERSIZE) {
        return worstOf([...probes, { probe: 'over the limit', verdict: pass(['skipped'], `not tried: the limit of ${limit} octets is over ${DEFAULT_MAX_OVERSIZE}`) }]);
      }
      await mailFrom(s, ctx, { params: 'SIZE=1000' });
      await rcptTo(s, ctx);
      const over = await sendData(s, Buffer.concat([Buffer.from(head, 'utf8'), filler(limit + 1, 'oversize')]));
      probes.push({ probe: `${limit + 1}+ octets, 1000 declared`, verdict: gradeOversize(over) });
      return worstOf(probes);
    },
  }),
];

function gradeOversize(o: Outcome): Verdict {
  const expected = ['552', 'any 5xx'];
  const actual = describeOutcome(o);
  if (o.kind === 'reply' && o.code === 552) return pass(expected, actual);
  if (o.kind === 'reply' && o.code >= 500) return nonStrict(expected, actual, `${o.code} refuses the message, but RFC 1870 §6.3 names 552`);
  return violation(expected, actual, `a message over the advertised limit got ${actual}`);
}
