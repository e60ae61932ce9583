import type fc from 'fast-check';
import type { Outcome, Reply } from '../session/outcome.js';
import { judge, type Branch } from './judge.js';
import type { Real } from './real.js';
import { isGreetingCommand, isNonMailCommand, MAX_GREETING_COMMANDS, MAX_NONMAIL_COMMANDS } from './replies.js';
import { describeState, mayRisk, type ModelState } from './state.js';

/**
 * One SMTP command of a model-based run (fast-check `AsyncCommand`). `check` is the client's
 * side of the contract: the command is sent only when the model says it makes sense and
 * hygiene allows it (at most two protocol errors per connection); `run` sends it and holds the
 * reply against the set of replies the model allows in the current state.
 */
export abstract class SmtpCommand implements fc.AsyncCommand<ModelState, Real> {
  check(m: Readonly<ModelState>): boolean {
    if (!m.open || m.lost) return false;
    if (m.nonMail >= MAX_NONMAIL_COMMANDS && isNonMailCommand(this.toString())) return false;
    if (m.greetings >= MAX_GREETING_COMMANDS && isGreetingCommand(this.toString())) return false;
    return this.applies(m) && (!this.risky(m) || mayRisk(m));
  }

  /** Whether, in this state, the server may answer with a protocol error (500-504, 555). */
  protected risky(_m: Readonly<ModelState>): boolean {
    return false;
  }

  protected abstract applies(m: Readonly<ModelState>): boolean;
  abstract run(m: ModelState, r: Real): Promise<void>;
  abstract toString(): string;
}

/** A command that is one line and one reply, judged against `branches`. */
export abstract class LineCommand extends SmtpCommand {
  abstract line(r: Real): string;
  abstract branches(m: Readonly<ModelState>, r: Real): Branch[];

  async run(m: ModelState, r: Real): Promise<void> {
    const state = describeState(m);
    const outcome = await exchange(r, this.line(r), () => this.send(r));
    judgeAndSync(m, r, this.toString(), state, outcome, this.branches(m, r));
  }

  /** How the line goes out; EHLO and HELO go through the session so that it learns the keywords. */
  protected send(r: Real): Promise<Outcome> {
    return r.session.send(this.line(r));
  }
}

/** Sends (through `send`), logs both directions and lets the observer see the reply. */
export async function exchange(r: Real, shown: string, send: () => Promise<Outcome>): Promise<Outcome> {
  r.log.sent(shown);
  const outcome = await send();
  // Only answered commands count: runs whose commands got no reply have shown nothing.
  if (outcome.kind === 'reply') r.commands++;
  r.log.received(outcome);
  r.observe?.(verbOf(shown), outcome);
  return outcome;
}

export function judgeAndSync(m: ModelState, r: Real, command: string, state: string, outcome: Outcome, branches: readonly Branch[]): Reply | undefined {
  const reply = judge(m, r, command, state, outcome, branches);
  m.protocolErrors = r.session.protocolErrors;
  if (isNonMailCommand(command)) m.nonMail++;
  if (isGreetingCommand(command)) m.greetings++;
  return reply;
}

export function verbOf(line: string): string {
  return (line.split(' ')[0] ?? '').toUpperCase();
}
