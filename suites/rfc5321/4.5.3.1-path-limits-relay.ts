import { tagOf } from '../../harness/relay.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { inconclusive, pass, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { relayToAddresses, syntaxRefusal } from './relay-addresses.js';

// RFC 5321 §4.5.3.1.1 and §4.5.3.1.3: every implementation must accept local parts of 64 octets and
// paths of 256 octets (angle brackets included), and a relay passes them on whole.

/** `marker` padded with "a" to `length` octets. */
function padded(marker: string, length: number): string {
  return `${marker}-`.padEnd(length, 'a');
}

/** Labels of 59 octets before `suffix`, filling `length` octets in all. */
function longDomain(suffix: string, length: number): string {
  const labels: string[] = [];
  let left = length - suffix.length - 1;
  for (let c = 0; left > 0; c++) {
    const n = Math.min(59, left);
    labels.push(String.fromCharCode(0x62 + c).repeat(n));
    left -= n + 1;
  }
  return `${labels.join('.')}.${suffix}`;
}

export const pathLimitRelayChecks = [
  defineCheck({
    id: 'rfc5321/4.5.3.1.1/localpart-64',
    title: 'Relays a message to a recipient whose local part is 64 octets',
    requirement: 'The server MUST accept a 64-octet local part and relay it whole',
    level: 'MUST',
    catalog: ['5321-4.5.3.1.1-localpart-64'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const address = `${padded(tagOf(ctx, 'l64'), 64)}@${ctx.sink?.domains.full ?? 'sink.test'}`;
      return relayToAddresses(s, ctx, 'l64', [{ probe: '64-octet local part', sent: address, marker: tagOf(ctx, 'l64'), sameAs: [address] }]);
    },
  }),

  defineCheck({
    id: 'rfc5321/4.5.3.1.3/path-256',
    title: 'Relays a message to a 256-octet forward-path (64-octet local part at a subdomain of sink.test), then sends MAIL with a 256-octet reverse-path',
    requirement: 'The server MUST accept paths of 256 octets and relay them whole',
    level: 'MUST',
    catalog: ['5321-4.5.3.1.3-path-256'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const local = padded(tagOf(ctx, 'p256'), 64);
      const forward = `${local}@${longDomain(ctx.sink?.domains.full ?? 'sink.test', 256 - 3 - 64)}`;
      const relayed = await relayToAddresses(s, ctx, 'p256', [{ probe: '256-octet forward-path', sent: forward, marker: tagOf(ctx, 'p256'), sameAs: [forward] }]);
      const reverse = `${padded(`from-${ctx.token}`, 64)}@${longDomain('client.test', 256 - 3 - 64)}`;
      const mail = await s.send(`MAIL FROM:<${reverse}>`);
      await s.send('RSET');
      const expected = ['250'];
      const mailVerdict =
        mail.kind === 'reply' && mail.code === 250
          ? pass(expected, `MAIL: ${describeOutcome(mail)}`)
          : syntaxRefusal(mail)
            ? violation(expected, `MAIL: ${describeOutcome(mail)}`, 'a 256-octet reverse-path was refused as bad syntax or too long')
            : inconclusive(expected, `MAIL: ${describeOutcome(mail)}`, 'the reverse-path was refused for another reason (policy)');
      return worstOf([
        { probe: 'forward-path', verdict: relayed },
        { probe: 'reverse-path', verdict: mailVerdict },
      ]);
    },
  }),
];
