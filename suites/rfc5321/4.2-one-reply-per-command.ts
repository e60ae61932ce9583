import { handshake } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { pass, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import type { Probe } from './support.js';

// RFC 5321 §4.2 (and §4.3.1): every command gets exactly one reply (possibly multi-line). The check
// listens after each reply for a second one, sends a 2000-octet unknown command (servers that cut
// long lines into 512-octet pieces answer each piece), and, when PIPELINING is offered, counts the
// replies to a group of five commands. Listening windows are short to keep the default run fast.

const LISTEN_MS = 200;

function grade(command: string, outcomes: readonly Outcome[], want: number): Probe {
  const expected = [`exactly ${want} ${want === 1 ? 'reply' : 'replies'}`];
  const replies = outcomes.filter((o) => o.kind === 'reply' || o.kind === 'violation');
  const actual = outcomes.map(describeOutcome).join(' | ') || 'nothing';
  const verdict =
    replies.length === want && outcomes.length === want
      ? pass(expected, actual)
      : violation(expected, actual, `${command}: ${replies.length} ${replies.length === 1 ? 'reply' : 'replies'} where ${want} ${want === 1 ? 'was' : 'were'} due`);
  return { probe: command, verdict };
}

/** Sends one line, reads its reply, and listens for more. */
async function oneLine(s: Session, line: string, shownAs = line): Promise<Probe> {
  const first = await s.send(line);
  const extra = first.kind === 'reply' ? await s.readExtra(LISTEN_MS) : [];
  return grade(shownAs, [first, ...extra], 1);
}

export const oneReplyChecks = [
  defineCheck({
    id: 'rfc5321/4.2/one-reply-per-command',
    title: 'Sends NOOP, RSET, a 2000-octet unknown command and (with PIPELINING) four RSETs and a NOOP in one write, counting replies',
    requirement: 'Every command MUST get exactly one reply',
    level: 'MUST',
    catalog: ['5321-4.2-one-reply-per-command'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const probes: Probe[] = [await oneLine(s, 'NOOP'), await oneLine(s, 'RSET')];
      const garbage = `XYZZY${'A'.repeat(1995)}`;
      probes.push(await oneLine(s, garbage, 'a 2000-octet unknown command'));
      if (s.has('PIPELINING') && !s.isClosed) {
        const group = ['RSET', 'RSET', 'RSET', 'RSET', 'NOOP'];
        const outcomes = await s.pipeline(group);
        const extra = outcomes.every((o) => o.kind === 'reply') ? await s.readExtra(LISTEN_MS) : [];
        probes.push(grade('RSET ×4 + NOOP pipelined', [...outcomes, ...extra], group.length));
      }
      return worstOf(probes);
    },
  }),
];
