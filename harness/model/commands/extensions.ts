import type { Credentials, SaslMechanism } from '../../session/sasl.js';
import { exchange, judgeAndSync, SmtpCommand } from '../command.js';
import { code, ok, permfail, policy, tempfail, type Branch } from '../judge.js';
import type { Real } from '../real.js';
import { describeState, offers, type ModelState } from '../state.js';

// The extensions the target advertises: STARTTLS (RFC 3207) and AUTH (RFC 4954).

/** RFC 3207 §4.2: after the handshake the session starts over (no EHLO, no transaction, no AUTH). */
export class StartTls extends SmtpCommand {
  protected applies(m: Readonly<ModelState>): boolean {
    return offers(m, 'STARTTLS') && !m.tls && !m.tx;
  }
  async run(m: ModelState, r: Real): Promise<void> {
    const state = describeState(m);
    const outcome = await exchange(r, 'STARTTLS', () => r.session.startTls());
    if (outcome.kind === 'reply' && outcome.code === 220) r.log.note(r.session.tlsActive ? 'TLS handshake done' : 'no TLS');
    const started = (s: ModelState) => Object.assign(s, { phase: 'greeted', tls: true, tx: undefined, keywords: new Map(), authenticated: false, authFailures: 0 });
    judgeAndSync(m, r, 'STARTTLS', state, outcome, [code([220], 'TLS started; the session starts over', started), tempfail('TLS not available now')]);
  }
  toString(): string {
    return 'STARTTLS';
  }
}

/** Credentials that certainly do not work: a failed AUTH must leave the session usable (§9). */
const WRONG: Credentials = { user: 'smtpspec-no-such-user', pass: 'smtpspec-wrong-password' };

export type AuthKind = 'good' | 'wrong' | 'in-transaction' | 'again';

/**
 * RFC 4954 §4: AUTH with the run's credentials (235), with wrong ones (535, once per connection:
 * servers may drop after several failures), inside a transaction and after a success (503).
 */
export class Auth extends SmtpCommand {
  constructor(
    private readonly kind: AuthKind,
    private readonly mechanism: SaslMechanism,
  ) {
    super();
  }
  protected applies(m: Readonly<ModelState>): boolean {
    if (!offers(m, 'AUTH') || !m.keywords.get('AUTH')!.some((p) => p.toUpperCase() === this.mechanism)) return false;
    switch (this.kind) {
      case 'good':
        return !m.authenticated && !m.tx;
      case 'wrong':
        return !m.authenticated && !m.tx && m.authFailures === 0;
      case 'in-transaction':
        return !m.authenticated && m.tx !== undefined;
      case 'again':
        return m.authenticated && !m.tx;
    }
  }
  protected override risky(): boolean {
    return this.kind === 'in-transaction' || this.kind === 'again';
  }
  async run(m: ModelState, r: Real): Promise<void> {
    const credentials = r.ctx.credentials;
    if (!credentials) return;
    const state = describeState(m);
    const outcome = await exchange(r, `AUTH ${this.mechanism} (${this.kind === 'wrong' ? 'wrong' : 'valid'} credentials)`, () =>
      r.session.auth(this.mechanism, this.kind === 'wrong' ? WRONG : credentials),
    );
    judgeAndSync(m, r, `AUTH ${this.mechanism}`, state, outcome, this.branches());
  }
  private branches(): Branch[] {
    const refusedForTls = code([534, 538], 'mechanism refused on this connection');
    switch (this.kind) {
      case 'good':
        return [ok('authenticated', (s) => (s.authenticated = true)), refusedForTls, tempfail('temporary failure')];
      case 'wrong':
        return [policy('credentials refused (535); session goes on', (s) => s.authFailures++)];
      case 'in-transaction':
        return [permfail('not inside a transaction: 503')];
      case 'again':
        return [permfail('already authenticated: 503')];
    }
  }
  toString(): string {
    return `AUTH ${this.mechanism} (${this.kind})`;
  }
}
