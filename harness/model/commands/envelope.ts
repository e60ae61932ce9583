import { nonexistentMailbox } from '../../dialog.js';
import type { Outcome } from '../../session/outcome.js';
import { END_OF_DATA, sevenBit, wireContent, type BodyLines } from '../body.js';
import { exchange, judgeAndSync, LineCommand, SmtpCommand } from '../command.js';
import { code, intermediate, notProtocolError, ok, permfail, policy, tempfail, type Branch } from '../judge.js';
import type { Real } from '../real.js';
import { describeState, offers, type ModelState } from '../state.js';

// The mail transaction of RFC 5321 §3.3 and §4.1.4: MAIL opens it, RCPT adds recipients (a
// refused RCPT does not end it), DATA needs an accepted recipient, and the end of data ends it.

/** Recipients per transaction the model sends; far below the 100 a server must take (§4.5.3.1.8). */
const MAX_RCPTS = 20;

export type MailParam = 'BODY=8BITMIME' | 'BODY=7BIT' | 'SIZE' | 'SMTPUTF8';

const KEYWORD: Record<MailParam, string> = { 'BODY=8BITMIME': '8BITMIME', 'BODY=7BIT': '8BITMIME', SIZE: 'SIZE', SMTPUTF8: 'SMTPUTF8' };

export class Mail extends LineCommand {
  constructor(
    private readonly from: 'sender' | 'null',
    private readonly params: readonly MailParam[],
  ) {
    super();
  }
  protected applies(m: Readonly<ModelState>): boolean {
    // Nested MAIL is the client's error (§4.1.4) with two defensible server answers: not modelled.
    if (m.tx) return false;
    return this.params.every((p) => offers(m, KEYWORD[p]));
  }
  /** Before EHLO/HELO the server may refuse MAIL with 503 (§4.1.4; a client MUST NOT do it). */
  protected override risky(m: Readonly<ModelState>): boolean {
    return m.phase === 'greeted';
  }
  line(r: Real): string {
    const params = this.params.map((p) => (p === 'SIZE' ? 'SIZE=1000' : p));
    return [`MAIL FROM:<${this.from === 'null' ? '' : r.ctx.sender}>`, ...params].join(' ');
  }
  branches(m: Readonly<ModelState>): Branch[] {
    const open = ok('transaction opened', (s) => (s.tx = { accepted: 0, refused: 0, eightBit: this.params.includes('BODY=8BITMIME') }));
    const refused = policy('sender refused by policy; no transaction');
    return m.phase === 'greeted' ? [open, code([503], 'EHLO/HELO first'), refused] : [open, refused];
  }
  toString(): string {
    return [`MAIL FROM:<${this.from}>`, ...this.params].join(' ');
  }
}

/** MAIL with an unacceptable argument (§4.1.4): refused, and no transaction is opened. */
export class MailBad extends LineCommand {
  constructor(private readonly kind: 'no-colon' | 'space-in-path' | 'unknown-parameter') {
    super();
  }
  protected applies(m: Readonly<ModelState>): boolean {
    return !m.tx && m.phase !== 'greeted';
  }
  protected override risky(): boolean {
    return true;
  }
  line(r: Real): string {
    if (this.kind === 'no-colon') return `MAIL FROM <${r.ctx.sender}>`;
    if (this.kind === 'space-in-path') return 'MAIL FROM:<no such@client.test>';
    return `MAIL FROM:<${r.ctx.sender}> XSMTPSPEC-NO-SUCH-PARAM=1`;
  }
  branches(): Branch[] {
    return [permfail('refused; no transaction')];
  }
  toString(): string {
    return `MAIL (${this.kind})`;
  }
}

export type RcptKind = 'local' | 'postmaster' | 'unknown' | 'relay';

export class Rcpt extends LineCommand {
  constructor(private readonly kind: RcptKind) {
    super();
  }
  protected applies(m: Readonly<ModelState>): boolean {
    return !m.tx || m.tx.accepted + m.tx.refused < MAX_RCPTS;
  }
  /** Outside a transaction RCPT is refused with 503 (§4.1.4). */
  protected override risky(m: Readonly<ModelState>): boolean {
    return !m.tx;
  }
  line(r: Real): string {
    return `RCPT TO:<${rcptAddress(r, this.kind)}>`;
  }
  branches(m: Readonly<ModelState>): Branch[] {
    if (!m.tx) return [permfail('no transaction: 503')];
    const accepted = ok('recipient accepted', (s) => s.tx!.accepted++);
    // A refused recipient is the server's policy, not the client's mistake: the transaction goes on.
    if (this.kind === 'local' || this.kind === 'postmaster') return [accepted, tempfail('deferred; transaction goes on', (s) => s.tx!.refused++)];
    return [accepted, policy('refused; transaction goes on', (s) => s.tx!.refused++)];
  }
  toString(): string {
    return `RCPT TO:<${this.kind}>`;
  }
}

export function rcptAddress(r: Real, kind: RcptKind): string {
  switch (kind) {
    case 'local':
      return r.ctx.rcpt;
    case 'postmaster':
      return `postmaster@${r.ctx.localDomain}`;
    case 'unknown':
      return nonexistentMailbox(r.ctx);
    case 'relay':
      return `smtpspec-${r.ctx.token}@unrelated.invalid`;
  }
}

/** RCPT with a malformed forward-path (§4.1.2): refused; the transaction goes on. */
export class RcptBad extends LineCommand {
  constructor(private readonly kind: 'null' | 'no-domain') {
    super();
  }
  protected applies(m: Readonly<ModelState>): boolean {
    return m.tx !== undefined && m.tx.accepted + m.tx.refused < MAX_RCPTS;
  }
  protected override risky(): boolean {
    return true;
  }
  line(): string {
    return this.kind === 'null' ? 'RCPT TO:<>' : 'RCPT TO:<smtpspec@>';
  }
  branches(): Branch[] {
    return [permfail('refused; transaction goes on', (s) => s.tx && s.tx.refused++)];
  }
  toString(): string {
    return `RCPT (${this.kind})`;
  }
}

/** What a 354 leads to: the content, the end of data, and one final reply that ends the transaction. */
async function sendContent(r: Real, body: BodyLines, eightBit: boolean): Promise<Outcome> {
  const content = wireContent(eightBit ? body : sevenBit(body));
  r.log.content(content);
  r.log.sent('.');
  await r.session.sendRaw(Buffer.concat([content, Buffer.from(END_OF_DATA, 'latin1')]));
  const outcome = await r.session.read();
  r.log.received(outcome);
  r.observe?.('end of data', outcome);
  return outcome;
}

/** §3.3, §4.1.1.4: DATA needs an accepted recipient; after 354, exactly one final reply. */
export class Data extends SmtpCommand {
  constructor(private readonly body: BodyLines) {
    super();
  }
  protected applies(): boolean {
    return true;
  }
  protected override risky(m: Readonly<ModelState>): boolean {
    return !m.tx || m.tx.accepted === 0;
  }
  async run(m: ModelState, r: Real): Promise<void> {
    const state = describeState(m);
    const ready = !!m.tx && m.tx.accepted > 0;
    const eightBit = m.tx?.eightBit ?? false;
    let go = false;
    const start = () => (go = true);
    // Without a recipient the server refuses (503/554); a 354 is tolerated (§3.3 says "may"), and
    // then the data must still end with one final reply.
    const branches = ready
      ? [intermediate('354: send the data', start), tempfail('deferred', (s) => (s.lost = true))]
      : [permfail('no recipient: 503/554'), intermediate('354 without recipients (allowed)', start)];
    const outcome = await exchange(r, 'DATA', () => r.session.send('DATA'));
    judgeAndSync(m, r, 'DATA', state, outcome, branches);
    if (!go) return;
    const final = await sendContent(r, this.body, eightBit);
    const done = (s: ModelState) => (s.tx = undefined);
    judgeAndSync(m, r, 'end of data', state, final, ready ? [ok('message accepted', done), policy('message refused', done)] : [notProtocolError('end of data', done)]);
  }
  toString(): string {
    return `DATA (${this.body.length} lines)`;
  }
}

/** RFC 3030 §2: BDAT <size> LAST with its chunk, where CHUNKING is offered. */
export class Bdat extends SmtpCommand {
  constructor(private readonly body: BodyLines) {
    super();
  }
  protected applies(m: Readonly<ModelState>): boolean {
    return offers(m, 'CHUNKING');
  }
  protected override risky(m: Readonly<ModelState>): boolean {
    return !m.tx || m.tx.accepted === 0;
  }
  async run(m: ModelState, r: Real): Promise<void> {
    const state = describeState(m);
    const ready = !!m.tx && m.tx.accepted > 0;
    // BDAT content is not stuffed (RFC 3030 §2): the lines go as they are.
    const chunk = Buffer.from(sevenBit(this.body).map((l) => `${l}\r\n`).join(''), 'latin1');
    const line = `BDAT ${chunk.length} LAST`;
    const outcome = await exchange(r, line, async () => {
      r.log.content(chunk);
      await r.session.sendRaw(Buffer.concat([Buffer.from(`${line}\r\n`, 'latin1'), chunk]));
      return r.session.read();
    });
    const done = (s: ModelState) => (s.tx = undefined);
    // A chunk refused inside a transaction fails it (RFC 3030 §2), and what the server keeps of it
    // is not said: the model stops predicting on this connection.
    const refused = m.tx ? permfail('no recipient: 503/554; transaction failed', (s) => (s.lost = true)) : permfail('no transaction: 503');
    judgeAndSync(m, r, line, state, outcome, ready ? [ok('message accepted', done), policy('message refused', done)] : [refused]);
  }
  toString(): string {
    return `BDAT LAST (${this.body.length} lines)`;
  }
}

/** RFC 2920: MAIL and two RCPTs in one write, where PIPELINING is offered; replies in order. */
export class PipelinedEnvelope extends SmtpCommand {
  private readonly steps = [new Mail('sender', []), new Rcpt('local'), new Rcpt('unknown')];
  protected applies(m: Readonly<ModelState>): boolean {
    // If MAIL were refused, both RCPTs draw 503: only on a connection without errors so far.
    return offers(m, 'PIPELINING') && !m.tx && m.protocolErrors === 0;
  }
  async run(m: ModelState, r: Real): Promise<void> {
    const lines = this.steps.map((c) => c.line(r));
    r.log.note('pipelined:');
    for (const l of lines) r.log.sent(l);
    const outcomes = await r.session.pipeline(lines);
    r.commands += outcomes.filter((o) => o.kind === 'reply').length;
    for (const [i, step] of this.steps.entries()) {
      const outcome = outcomes[i] ?? ({ kind: 'timeout', afterMs: 0, partial: Buffer.alloc(0) } as const);
      r.log.received(outcome);
      r.observe?.(lines[i]!.split(' ')[0]!, outcome);
      if (!m.open) return;
      judgeAndSync(m, r, lines[i]!, describeState(m), outcome, step.branches(m));
      if (m.lost) return;
    }
  }
  toString(): string {
    return 'pipelined MAIL, RCPT <local>, RCPT <unknown>';
  }
}
