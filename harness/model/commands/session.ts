import { nonexistentMailbox } from '../../dialog.js';
import { describeOutcome } from '../../session/outcome.js';
import { exchange, judgeAndSync, LineCommand, SmtpCommand } from '../command.js';
import { code, ModelMismatch, ok, permfail, type Branch } from '../judge.js';
import type { Real } from '../real.js';
import { MAX_NONMAIL_COMMANDS, MAX_PROTOCOL_ERRORS } from '../replies.js';
import { describeState, freshConnection, type ModelState } from '../state.js';
import { retire } from '../connections.js';

// Session commands of RFC 5321 §4.1.1 and their place in §4.1.4 / §4.3.2.

/** EHLO with the run's name: always allowed, and resets like RSET (§4.1.4). */
export class Ehlo extends LineCommand {
  protected applies(): boolean {
    return true;
  }
  line(r: Real): string {
    return `EHLO ${r.ctx.heloName}`;
  }
  protected override send(r: Real) {
    return r.session.ehlo(r.ctx.heloName);
  }
  branches(_m: Readonly<ModelState>, r: Real): Branch[] {
    return [ok('EHLO accepted, transaction reset', (m) => Object.assign(m, { phase: 'ehlo', tx: undefined, keywords: r.session.ehloKeywords ?? new Map() }))];
  }
  toString(): string {
    return 'EHLO';
  }
}

/** EHLO without its domain (§4.1.4): refused, and the session stays in the state it was in. */
export class EhloWithoutDomain extends LineCommand {
  protected applies(): boolean {
    return true;
  }
  protected override risky(): boolean {
    return true;
  }
  line(): string {
    return 'EHLO';
  }
  branches(): Branch[] {
    return [permfail('refused; state unchanged')];
  }
  toString(): string {
    return 'EHLO (no domain)';
  }
}

export class Helo extends LineCommand {
  protected applies(): boolean {
    return true;
  }
  line(r: Real): string {
    return `HELO ${r.ctx.heloName}`;
  }
  protected override send(r: Real) {
    return r.session.helo(r.ctx.heloName);
  }
  branches(): Branch[] {
    return [ok('HELO accepted, transaction reset', (m) => Object.assign(m, { phase: 'helo', tx: undefined, keywords: new Map() }))];
  }
  toString(): string {
    return 'HELO';
  }
}

/** §4.1.1.5: RSET is always 250 and discards the transaction. */
export class Rset extends LineCommand {
  protected applies(): boolean {
    return true;
  }
  line(): string {
    return 'RSET';
  }
  branches(): Branch[] {
    return [ok('transaction discarded', (m) => (m.tx = undefined))];
  }
  toString(): string {
    return 'RSET';
  }
}

/** §4.1.1.9: 250; with an argument the server may ignore it (250) or refuse it (501). */
export class Noop extends LineCommand {
  constructor(private readonly arg: string | undefined) {
    super();
  }
  protected applies(): boolean {
    return true;
  }
  protected override risky(): boolean {
    return this.arg !== undefined;
  }
  line(): string {
    return this.arg === undefined ? 'NOOP' : `NOOP ${this.arg}`;
  }
  branches(): Branch[] {
    return this.arg === undefined ? [ok('state unchanged')] : [ok('argument ignored'), code([501], 'argument refused; state unchanged')];
  }
  toString(): string {
    return this.line();
  }
}

/** §3.5.3, §4.1.1.6, §7.3: VRFY leaves the transaction alone; 252 or a refusal, never 500. */
export class Vrfy extends LineCommand {
  constructor(private readonly who: 'rcpt' | 'unknown') {
    super();
  }
  protected applies(): boolean {
    return true;
  }
  protected override risky(): boolean {
    return true;
  }
  line(r: Real): string {
    return `VRFY ${this.who === 'rcpt' ? r.ctx.rcpt : nonexistentMailbox(r.ctx)}`;
  }
  branches(): Branch[] {
    return [ok('250/251/252; state unchanged'), code([550, 551, 553, 502, 504], 'refused; state unchanged')];
  }
  toString(): string {
    return `VRFY <${this.who}>`;
  }
}

/** §4.1.1.8: HELP (with or without a topic) is 211/214, or 502/504 where not offered; stateless. */
export class Help extends LineCommand {
  constructor(private readonly topic: string | undefined) {
    super();
  }
  protected applies(): boolean {
    return true;
  }
  protected override risky(): boolean {
    return true;
  }
  line(): string {
    return this.topic === undefined ? 'HELP' : `HELP ${this.topic}`;
  }
  branches(): Branch[] {
    // HELP is a SHOULD (§4.1.1.8) and not in the §4.5.1 minimum: a server without it may answer 500
    // like any unknown command. The scripted check rfc5321/4.1.1.8/help grades the SHOULD.
    return [code([211, 214], 'help text; state unchanged'), code([500, 502, 504], 'not offered; state unchanged')];
  }
  toString(): string {
    return this.line();
  }
}

/** §4.1.5, §3.8: an unknown verb is refused (500) and the session goes on. */
export class Unknown extends LineCommand {
  protected applies(): boolean {
    return true;
  }
  protected override risky(): boolean {
    return true;
  }
  line(): string {
    return 'XYZZYNOSUCHCMD';
  }
  branches(): Branch[] {
    return [permfail('not recognised; state unchanged')];
  }
  toString(): string {
    return 'XYZZYNOSUCHCMD';
  }
}

/** §4.1.1.10, §4.1.4: QUIT at any point: 221, then the server closes. */
export class Quit extends SmtpCommand {
  override check(m: Readonly<ModelState>): boolean {
    return m.open;
  }
  protected applies(): boolean {
    return true;
  }
  async run(m: ModelState, r: Real): Promise<void> {
    const state = describeState(m);
    const outcome = await exchange(r, 'QUIT', () => r.session.send('QUIT'));
    m.lost = false;
    const reply = judgeAndSync(m, r, 'QUIT', state, outcome, [code([221], 'closing')]);
    if (!reply || !m.open) return;
    m.open = false;
    if (reply.code !== 221) return;
    const closed = await r.session.waitForClose(Math.min(r.session.options.replyTimeoutMs, 1_000));
    r.log.note(closed === 'closed' ? 'connection closed by server' : 'connection still open after 221');
    if (closed === 'open' && r.strict) throw new ModelMismatch('QUIT', ['221, then the server closes the connection'], `${describeOutcome(outcome)}, connection left open`, state);
  }
  toString(): string {
    return 'QUIT';
  }
}

/**
 * A new connection, when the old one is closed, lost or out of its hygiene budget (the model never
 * sends a third error-drawing command, nor a ninth non-mail command, on one connection).
 */
export class Reconnect extends SmtpCommand {
  /** `ehlo`: the new connection starts with EHLO, as real clients do. */
  constructor(private readonly ehlo: boolean) {
    super();
  }
  override check(m: Readonly<ModelState>): boolean {
    return !m.open || m.lost || m.protocolErrors >= MAX_PROTOCOL_ERRORS || m.nonMail >= MAX_NONMAIL_COMMANDS;
  }
  protected applies(): boolean {
    return true;
  }
  async run(m: ModelState, r: Real): Promise<void> {
    await retire(r.session);
    r.session = await r.connect();
    const n = m.connection + 1;
    r.log.connection(n, r.session.greeting);
    r.observe?.('greeting', r.session.greeting);
    const g = r.session.greeting;
    if (g.kind !== 'reply' || g.code !== 220) throw new ModelMismatch('connect', ['220 greeting'], describeOutcome(g), 'new connection');
    Object.assign(m, freshConnection(n, r.session.tlsActive));
    if (this.ehlo) await new Ehlo().run(m, r);
  }
  toString(): string {
    return this.ehlo ? 'reconnect, EHLO' : 'reconnect';
  }
}
