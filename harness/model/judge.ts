import { describeOutcome, replyClass, type Outcome, type Reply } from '../session/outcome.js';
import type { Real } from './real.js';
import { isPolicyRefusal, isProtocolError } from './replies.js';
import type { ModelState } from './state.js';

// The model's prediction for one command is a SET of acceptable replies, each with what it does to
// the session: the RFC leaves servers choices (250 or 501 for NOOP with an argument, 252 or 550
// for VRFY, a policy refusal of any RCPT), and the model follows whichever the server made.

export interface Branch {
  /** What the reply may be, for the counterexample: "2xx (recipient accepted)". */
  readonly label: string;
  readonly matches: (r: Reply) => boolean;
  readonly then?: (m: ModelState) => void;
}

type Then = (m: ModelState) => void;

const branch = (label: string, matches: (r: Reply) => boolean, then?: Then): Branch => (then ? { label, matches, then } : { label, matches });

export const ok = (what: string, then?: Then) => branch(`2xx (${what})`, (r) => replyClass(r.code) === 'ok', then);
export const intermediate = (what: string, then?: Then) => branch(`3xx (${what})`, (r) => replyClass(r.code) === 'intermediate', then);
export const tempfail = (what: string, then?: Then) => branch(`4xx (${what})`, (r) => replyClass(r.code) === 'tempfail', then);
export const permfail = (what: string, then?: Then) => branch(`5xx (${what})`, (r) => replyClass(r.code) === 'permfail', then);
/** 4xx or a 5xx that is not a protocol error: the server's policy, not the client's mistake. */
export const policy = (what: string, then?: Then) => branch(`4xx/5xx other than 500-504, 555 (${what})`, isPolicyRefusal, then);
export const code = (codes: readonly number[], what: string, then?: Then) => branch(`${codes.join('/')} (${what})`, (r) => codes.includes(r.code), then);
export const notProtocolError = (what: string, then?: Then) => branch(`any reply but 500-504, 555 (${what})`, (r) => !isProtocolError(r), then);

/** The server's reply did not match any reply the model allows in this state. */
export class ModelMismatch extends Error {
  constructor(
    readonly command: string,
    readonly expected: readonly string[],
    readonly actual: string,
    readonly state: string,
  ) {
    super(`${command} (${state}): expected ${expected.join(' or ')}; got ${actual}`);
  }
}

/**
 * Applies the branch the reply matches. A 421 is always allowed (the server may shut down any
 * time, RFC 5321 §3.8) and ends the connection. Anything else the branches do not allow is a
 * ModelMismatch for a strict run; a lenient run (the grammar property) just stops predicting.
 */
export function judge(m: ModelState, r: Real, command: string, state: string, outcome: Outcome, branches: readonly Branch[]): Reply | undefined {
  if (outcome.kind === 'reply' && outcome.code === 421) {
    r.log.note('421: the server ends the session; the model follows');
    m.open = false;
    r.session.close();
    return undefined;
  }
  const hit = outcome.kind === 'reply' ? branches.find((b) => b.matches(outcome)) : undefined;
  if (hit && outcome.kind === 'reply') {
    hit.then?.(m);
    return outcome;
  }
  if (outcome.kind === 'timeout') {
    // No reply within --timeout is not yet a wrong reply: RFC 5321 §4.5.3.2 gives a server minutes,
    // and servers slow down clients they find abusive (Sendmail after more than three HELO/EHLO
    // on one connection). The model closes this connection and goes on with a new one; the verdict says that
    // some commands went unanswered instead of claiming a pass or a failure.
    r.silences++;
    r.log.note('no reply within --timeout: smtpspec closes this connection; the model goes on with a new one');
    // A late reply would put every later one out of step: this connection is done.
    m.open = false;
    r.session.close();
    return undefined;
  }
  if (!r.strict) {
    if (outcome.kind === 'closed') m.open = false;
    else m.lost = true;
    return undefined;
  }
  throw mismatch(r, command, state, branches, outcome);
}

function mismatch(r: Real, command: string, state: string, branches: readonly Branch[], outcome: Outcome): ModelMismatch {
  const expected = branches.map((b) => b.label);
  r.log.note(`model: expected ${expected.join(' or ')}`);
  return new ModelMismatch(command, expected, describeOutcome(outcome), state);
}
