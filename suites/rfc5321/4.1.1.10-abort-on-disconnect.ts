import { bounceSender, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { required } from '../../harness/setup.js';
import { pass, skip, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { describeArrivals, passBarrier, probeArrivals } from './relay-barrier.js';

// RFC 5321 §4.1.1.10 (QUIT) and §3.8: a connection that drops in the middle of a transaction
// cancels that transaction, as a 4yz would; transactions already completed stay delivered.

export const abortOnDisconnectChecks = [
  defineCheck({
    id: 'rfc5321/4.1.1.10/abort-on-disconnect',
    title: 'Completes one relayed transaction, then sends half of a second message after DATA and closes the connection without the final dot',
    requirement: 'The server MUST deliver the completed message and MUST NOT deliver the interrupted one',
    level: 'MUST',
    catalog: ['5321-4.1.1.10-abort-on-disconnect'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const one = sinkRecipient(ctx, 'full', 'one');
      requireAccepted(await submitForRelay(s, ctx, { from: bounceSender(ctx, 'one'), rcpts: [one], content: dotStuffOctets(taggedMessage(ctx, { to: one, body: 'the completed message\r\n' })) }));
      const two = sinkRecipient(ctx, 'full', 'two');
      required(await s.send(`MAIL FROM:<${bounceSender(ctx, 'two')}>`), 'MAIL for the second message');
      required(await s.send(`RCPT TO:<${two}>`), 'RCPT for the second message', [250, 251]);
      required(await s.send('DATA'), 'DATA for the second message', [354]);
      await s.sendRaw(dotStuffOctets(taggedMessage(ctx, { to: two, body: 'the first half of a message that is never finished\r\n' })));
      s.close();
      const barrier = await passBarrier(ctx);
      const first = probeArrivals(ctx, 'one').filter((t) => t.profile !== 'bounce');
      const second = probeArrivals(ctx, 'two');
      const expected = ['the completed message at the sink, nothing of the interrupted one'];
      const actual = `${barrier.summary}; completed message: ${describeArrivals(first)}; interrupted message: ${describeArrivals(second)}`;
      if (second.some((t) => t.profile !== 'bounce')) return violation(expected, actual, 'the interrupted transaction was delivered');
      if (!barrier.arrival) return skip(`the barrier message did not arrive, so the absence means nothing (${actual})`);
      if (first.length === 0) return violation(expected, actual, 'the completed transaction was lost when the connection dropped');
      return pass(expected, actual);
    },
  }),
];
