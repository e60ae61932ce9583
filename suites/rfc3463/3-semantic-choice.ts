import type { CheckContext } from '../../harness/check.js';
import { handshake, nonexistentMailbox } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { info, pass, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 3463 §3.1-3.8 (with RFC 4954 §6 and RFC 6531 §3.5): the subject and detail say what went
// wrong - X.5.1 a command out of sequence, X.5.2/X.5.4 syntax, X.1.x a bad address, X.3.4 a
// message too big, X.7.1 delivery not authorised. Each negative probe is mapped to the codes that
// describe it; another code is recorded (many servers answer X.0.0), never graded.

interface Probe {
  readonly name: string;
  readonly line: string;
  /** Subject.detail pairs that describe the condition. */
  readonly fitting: readonly string[];
}

function grade(p: Probe, o: Outcome): Verdict {
  const expected = p.fitting.map((f) => `X.${f}`);
  const actual = describeOutcome(o);
  if (o.kind !== 'reply' || o.code < 400) return pass(expected, actual, 'not refused, so there is no status code to judge');
  const code = /^[245]\.(\d{1,3}\.\d{1,3})(?= |$)/.exec(o.lines[0] ?? '')?.[1];
  if (code === undefined) return info(expected, actual, `${p.name}: the refusal carries no enhanced status code`);
  return p.fitting.includes(code) ? pass(expected, actual) : info(expected, actual, `${p.name}: X.${code} does not describe the condition as closely as ${expected.join(' or ')}`);
}

/** A fresh EHLO session once the current one has spent its two protocol errors (hygiene). */
async function usable(s: Session, ctx: CheckContext): Promise<Session> {
  if (!s.isClosed && s.protocolErrors < 2) return s;
  const fresh = await ctx.connect();
  await handshake(fresh, ctx);
  return fresh;
}

export const semanticChoiceChecks = [
  defineCheck({
    id: 'rfc3463/3/semantic-choice',
    title: 'Sends RCPT before MAIL, a nested MAIL, RCPT to a foreign domain and to an unknown mailbox, a malformed path, an unknown parameter and (with SIZE) an oversized SIZE',
    requirement: 'The enhanced code of each refusal describes its condition (X.5.1 sequence, X.1.1 unknown mailbox, X.7.1 relay, X.1.7/X.5.x syntax, X.5.4 parameter, X.3.4 size)',
    level: 'INFO',
    catalog: ['3463-3-semantic-choice'],
    requires: ['ENHANCEDSTATUSCODES'],
    run: async (first, ctx) => {
      await handshake(first, ctx);
      const limit = Number(first.params('SIZE')?.[0] ?? '0');
      const parts: Array<{ probe: string; verdict: Verdict }> = [];
      let s = first;
      const run = async (p: Probe, before: readonly string[] = []): Promise<void> => {
        s = await usable(s, ctx);
        for (const line of before) await s.send(line);
        parts.push({ probe: p.name, verdict: grade(p, await s.send(p.line)) });
      };
      await run({ name: 'relay to a foreign domain', line: `RCPT TO:<nobody-${ctx.token}@unrelated.invalid>`, fitting: ['7.1', '1.2', '4.1'] }, [`MAIL FROM:<${ctx.sender}>`]);
      await run({ name: 'unknown mailbox', line: `RCPT TO:<${nonexistentMailbox(ctx)}>`, fitting: ['1.1'] });
      await run({ name: 'RCPT before MAIL', line: `RCPT TO:<${ctx.rcpt}>`, fitting: ['5.1'] }, ['RSET']);
      await run({ name: 'nested MAIL', line: `MAIL FROM:<${ctx.sender}>`, fitting: ['5.1'] }, [`MAIL FROM:<${ctx.sender}>`]);
      await run({ name: 'malformed reverse-path', line: 'MAIL FROM:<not a path>', fitting: ['1.7', '1.3', '5.2', '5.4'] }, ['RSET']);
      await run({ name: 'unknown MAIL parameter', line: `MAIL FROM:<${ctx.sender}> XSMTPSPECNOSUCHPARAM=1`, fitting: ['5.4', '5.2'] }, ['RSET']);
      if (limit > 0) await run({ name: 'SIZE over the limit', line: `MAIL FROM:<${ctx.sender}> SIZE=${limit + 1}`, fitting: ['3.4', '2.3'] }, ['RSET']);
      return worstOf(parts);
    },
  }),
];
