import { handshake, mailFrom } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { inconclusive, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §7.9 (and §3.6.2, §4.1.1.3): an unauthenticated stranger must not be able to relay to
// arbitrary domains, in plain form or in the forms that historically slipped past relay checks.
// A source route is stripped (§4.1.1.3), so <@local:victim@elsewhere> is mail for elsewhere:
// accepting it is relaying. The %-hack, the bang path and the like are local parts by syntax:
// accepting them is allowed, and whether the server then forwards them off-site cannot be seen
// from loopback (smtpspec sends nothing off it), so their acceptance is recorded as inconclusive.

export const noOpenRelayChecks = [
  defineCheck({
    id: 'rfc5321/7.9/no-open-relay',
    title: 'Without authentication, sends RCPT TO unrelated.invalid plainly and in the relay-check bypass forms (source route via the local domain, %-hack, bang path, double @, quoted address)',
    requirement: 'The server SHOULD refuse every recipient that would make it relay to an arbitrary domain for an unauthenticated client',
    level: 'SHOULD',
    severity: 'fail',
    severityNote: 'The catalog grades an open relay fail: a security requirement, though the RFC says SHOULD',
    catalog: ['5321-7.9-no-open-relay'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx);
      const victim = `victim-${ctx.token}`;
      const local = ctx.localDomain;
      const foreign: Array<[string, string]> = [
        ['plain', `${victim}@unrelated.invalid`],
        ['source route via the local domain', `@${local}:${victim}@unrelated.invalid`],
      ];
      const localBySyntax: Array<[string, string]> = [
        ['%-hack', `${victim}%unrelated.invalid@${local}`],
        ['bang path', `unrelated.invalid!${victim}@${local}`],
        ['double @', `${victim}@unrelated.invalid@${local}`],
        ['quoted address', `"${victim}@unrelated.invalid"@${local}`],
      ];
      const parts: Array<{ probe: string; verdict: Verdict }> = [];
      for (const [probe, path] of [...foreign, ...localBySyntax]) {
        const reply = await s.send(`RCPT TO:<${path}>`);
        const accepted = reply.kind === 'reply' && reply.code >= 200 && reply.code < 300;
        const actual = `RCPT TO:<${path}>: ${describeOutcome(reply)}`;
        const expected = ['a refusal (550 preferred)'];
        if (!accepted) parts.push({ probe, verdict: pass(expected, actual) });
        else if (foreign.some(([p]) => p === probe)) parts.push({ probe, verdict: violation(expected, actual, 'a recipient at a foreign domain was accepted from an unauthenticated client: an open relay') });
        else parts.push({ probe, verdict: inconclusive(expected, actual, 'accepted as a local address; whether the server forwards it off-site cannot be observed from loopback') });
      }
      await s.send('RSET');
      return worstOf(parts);
    },
  }),
];
