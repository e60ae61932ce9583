import { tagOf } from '../../harness/relay.js';
import { defineCheck } from '../define.js';
import { relayToAddresses } from './relay-addresses.js';

// RFC 5321 §4.1.2: a Quoted-string local part is valid syntax; quoted forms of one mailbox are
// equivalent, and a relay passes the local part on as it is (at most without unnecessary quotes).

export const quotedLocalPartRelayChecks = [
  defineCheck({
    id: 'rfc5321/4.1.2/quoted-local-part-relayed',
    title: 'Relays one message to "john smith …"@sink.test, "a\\"b-…"@sink.test and "plain-…"@sink.test',
    requirement: 'Quoted local parts MUST be parsed (no syntax error) and arrive unchanged ("plain" may lose its unnecessary quotes)',
    level: 'MUST',
    severityNote: 'The catalog marks this "implied" (from the Quoted-string grammar) with grade fail',
    catalog: ['5321-4.1.2-quoted-local-part'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const tag = tagOf(ctx, 'quoted');
      const domain = ctx.sink?.domains.full ?? 'sink.test';
      const space = `"john smith q1-${tag}"@${domain}`;
      const escaped = `"a\\"b-q2-${tag}"@${domain}`;
      const plain = `"plain-q3-${tag}"@${domain}`;
      return relayToAddresses(s, ctx, 'quoted', [
        { probe: 'quoted with a space', sent: space, marker: `q1-${tag}`, sameAs: [space] },
        { probe: 'quoted with an escaped quote', sent: escaped, marker: `q2-${tag}`, sameAs: [escaped] },
        { probe: 'needlessly quoted', sent: plain, marker: `q3-${tag}`, sameAs: [plain, `plain-q3-${tag}@${domain}`] },
      ]);
    },
  }),
];
