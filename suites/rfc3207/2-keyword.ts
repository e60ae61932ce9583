import { handshake } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { pass, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 3207 §2-§3: the STARTTLS keyword takes no parameters, and advertising it says the server
// can negotiate TLS now - a STARTTLS that is always answered 454 makes the keyword meaningless.

export const keywordChecks = [
  defineCheck({
    id: 'rfc3207/2/keyword-no-parameters',
    title: 'Sends EHLO, reads the STARTTLS line, then tries STARTTLS',
    requirement: 'STARTTLS MUST be advertised without parameters, and only when TLS can be negotiated (220, not 454)',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'the keyword is defined without parameters but with no keyword-level MUST; the catalog grades warn',
    catalog: ['3207-2-keyword-no-parameters'],
    requires: ['STARTTLS'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const params = s.params('STARTTLS') ?? [];
      const keyword = ['STARTTLS', ...params].join(' ');
      const reply = await s.startTls();
      const works = reply.kind === 'reply' && reply.code === 220 && s.tlsActive;
      return worstOf([
        { probe: 'keyword', verdict: params.length === 0 ? pass(['STARTTLS'], keyword) : violation(['STARTTLS'], keyword, `STARTTLS advertised with parameters: ${params.join(' ')}`) },
        {
          probe: 'STARTTLS',
          verdict: works
            ? pass(['220 and a TLS handshake'], `${describeOutcome(reply)}, TLS established`)
            : violation(['220 and a TLS handshake'], describeOutcome(reply), `STARTTLS is advertised but ${reply.kind === 'reply' && reply.code === 454 ? 'TLS is not available (454)' : `did not work: ${describeOutcome(reply)}`}`),
        },
      ]);
    },
  }),
];
