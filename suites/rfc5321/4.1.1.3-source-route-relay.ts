import { tagOf } from '../../harness/relay.js';
import { nonStrict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { relayToAddresses } from './relay-addresses.js';

// RFC 5321 §4.1.1.3 (and §4.1.2 A-d-l, §3.6.1): a server MUST accept the source-route form of a
// forward-path as syntax, SHOULD ignore the route and deliver to the mailbox; it MAY decline the
// relaying the route implies (a policy 550, which leaves the stripping unobservable).

export const sourceRouteRelayChecks = [
  defineCheck({
    id: 'rfc5321/4.1.1.3/source-route-accepted',
    title: 'Sends RCPT TO:<@relay1.test,@relay2.test:…@sink.test> and completes the message',
    requirement: 'The server MUST accept the source route as syntax (no 501/553) and SHOULD relay to the final mailbox with the route stripped',
    level: 'MUST',
    catalog: ['5321-4.1.1.3-source-route-accepted'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const mailbox = `${tagOf(ctx, 'route')}@${ctx.sink?.domains.full ?? 'sink.test'}`;
      return relayToAddresses(s, ctx, 'route', [
        {
          probe: 'source route',
          sent: `@relay1.test,@relay2.test:${mailbox}`,
          marker: tagOf(ctx, 'route'),
          sameAs: [mailbox],
          judge: (arrived, expected) => (arrived.includes(':') ? nonStrict(expected, `at the sink <${arrived}>`, 'the source route was passed on instead of stripped (SHOULD)') : undefined),
        },
      ]);
    },
  }),
];
