import { GrammarMonitor } from '../../harness/model/grammar.js';
import { modelProperty } from '../../harness/model/model-run.js';
import { checkProperty } from '../../harness/model/property.js';
import { propertyVerdict } from '../../harness/model/verdict.js';
import { required } from '../../harness/setup.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.2 and §4.2.1: every reply, whatever the command and the state, follows the
// Reply-line grammar (a 2-5/0-5/0-9 code, "-" on every line but the last, the same code on every
// line, CRLF) and is the only reply to its command. Where ENHANCEDSTATUSCODES is advertised,
// RFC 2034 §4: every 2xx/4xx/5xx reply but the greeting and the HELO/EHLO replies starts each line
// with an enhanced status code whose class is the reply's first digit, the same on every line.
// The sessions are the model's (prop/4.1.4/session-model), but only the replies' form is judged.

export const replyGrammarPropertyChecks = [
  defineCheck({
    id: 'prop/4.2/reply-grammar',
    title: 'Runs random SMTP sessions and parses every reply (RFC 5321 §4.2, §4.2.1; RFC 2034 §4 where ENHANCEDSTATUSCODES is advertised)',
    requirement: 'Every reply MUST follow the Reply-line grammar, one reply per command, and (with ENHANCEDSTATUSCODES) carry an enhanced status code of its class on every line',
    level: 'MUST',
    catalog: ['5321-4.2.1-multiline-format', '5321-4.2-reply-code-range', '5321-4.2-one-reply-per-command', '2034-4-codes-on-all-replies', '2034-4-class-matches', '2034-4-multiline-same-code'],
    run: async (s, ctx) => {
      required(s.greeting, 'greeting', [220]);
      const monitor = new GrammarMonitor(ctx.probeKeywords.has('ENHANCEDSTATUSCODES'));
      const property = modelProperty(ctx, { strict: false, observe: monitor.observe, maxCommands: 30, longLines: false, listenAfterMs: 5 });
      const report = await checkProperty(s, ctx, property, { defaultRuns: 120 });
      return propertyVerdict(report, ['every reply well-formed' + (ctx.probeKeywords.has('ENHANCEDSTATUSCODES') ? ', with enhanced status codes of its class' : '')], monitor.soft);
    },
  }),
];
