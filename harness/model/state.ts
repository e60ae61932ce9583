import { MAX_PROTOCOL_ERRORS } from './replies.js';

// The model of one SMTP session (RFC 5321 §4.1.4, §4.3.2): what the client may send next and
// what the server must then answer depend only on this.

/** After the 220 greeting: nothing yet, a HELO, or an EHLO (with its keywords). */
export type Phase = 'greeted' | 'helo' | 'ehlo';

export interface Transaction {
  /** RCPTs answered 2xx: DATA needs at least one (§3.3). */
  accepted: number;
  /** RCPTs refused (policy or syntax): they do not end the transaction (§3.3). */
  refused: number;
  /** MAIL carried BODY=8BITMIME (RFC 6152): the body may hold octets above 127. */
  eightBit: boolean;
}

export interface ModelState {
  /** 1 for the first connection of a run, 2 after the first reconnect, ... */
  connection: number;
  open: boolean;
  /**
   * The server answered in a way the model cannot follow (a lenient property only, or a DATA
   * deferred with 4xx): nothing is predicted until the next connection.
   */
  lost: boolean;
  phase: Phase;
  tx: Transaction | undefined;
  tls: boolean;
  authenticated: boolean;
  authFailures: number;
  /** Keywords of the last EHLO on this connection (upper case), empty after HELO or STARTTLS. */
  keywords: ReadonlyMap<string, readonly string[]>;
  /** Protocol-error replies seen on this connection (the session counts them). */
  protocolErrors: number;
  /** Commands outside mail transactions on this connection (hygiene: MAX_NONMAIL_COMMANDS). */
  nonMail: number;
  /** HELO and EHLO commands on this connection (hygiene: MAX_GREETING_COMMANDS). */
  greetings: number;
}

export function freshConnection(connection: number, tls: boolean): ModelState {
  return {
    connection,
    open: true,
    lost: false,
    phase: 'greeted',
    tx: undefined,
    tls,
    authenticated: false,
    authFailures: 0,
    keywords: new Map(),
    protocolErrors: 0,
    nonMail: 0,
    greetings: 0,
  };
}

export function offers(m: Readonly<ModelState>, keyword: string): boolean {
  return m.phase === 'ehlo' && m.keywords.has(keyword);
}

/** Whether one more command that may draw a protocol error keeps the connection within hygiene. */
export function mayRisk(m: Readonly<ModelState>): boolean {
  return m.protocolErrors < MAX_PROTOCOL_ERRORS;
}

export function describeState(m: Readonly<ModelState>): string {
  if (!m.open) return 'closed';
  const tx = m.tx ? `transaction (${m.tx.accepted} accepted, ${m.tx.refused} refused)` : 'no transaction';
  return `${m.phase}, ${tx}${m.tls ? ', TLS' : ''}${m.authenticated ? ', authenticated' : ''}`;
}
