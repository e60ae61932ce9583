import { handshake } from '../../harness/dialog.js';
import { describeOutcome, replyClass, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { inconclusive, nonStrict, pass, skip, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 3207 §4: the STARTTLS command - no parameters; 220 (ready), 501 (syntax) or 454 (TLS not
// available now). §4.2 and CVE-2011-0411: whatever the client sent after STARTTLS in plaintext
// must be discarded, never executed inside the TLS session.

const ALREADY_TLS = 'the session is in TLS from the start (implicit TLS or --starttls); STARTTLS cannot be probed';

async function starttlsWithArgument(s: Session): Promise<Verdict> {
  const reply = await s.send('STARTTLS now');
  const expected = ['501', 'any 5xx'];
  const actual = describeOutcome(reply);
  if (reply.kind !== 'reply') return violation(expected, actual, `STARTTLS with an argument: ${actual}`);
  if (reply.code === 501) return pass(expected, actual);
  if (reply.code === 220) return nonStrict(expected, actual, 'STARTTLS with an argument was accepted; RFC 3207 §4 allows no parameters (501)');
  if (replyClass(reply.code) === 'permfail') return nonStrict(expected, actual, `${reply.code} refuses, but RFC 3207 §4 names 501 for a syntax error`);
  return violation(expected, actual, `STARTTLS with an argument got ${reply.code}`);
}

async function plainStarttls(s: Session): Promise<Verdict> {
  const reply = await s.startTls();
  const expected = ['220 and a TLS handshake'];
  const actual = describeOutcome(reply) + (s.tlsActive ? ', TLS established' : '');
  if (reply.kind === 'reply' && reply.code === 220 && s.tlsActive) return pass(expected, actual);
  if (reply.kind === 'reply' && reply.code === 454) return inconclusive(expected, actual, 'TLS is temporarily unavailable (454); the reply is allowed but the handshake could not be tried');
  if (reply.kind === 'reply' && reply.code === 220) return violation(expected, actual, 'STARTTLS got 220 but the TLS handshake failed');
  return violation(expected, actual, `STARTTLS got ${actual}; RFC 3207 §4 allows 220, 501 or 454`);
}

/** One injection probe: `STARTTLS` and `injected` in one write; nothing may answer `injected` inside TLS. */
async function injection(s: Session, injected: string): Promise<Verdict> {
  const expected = ['only the EHLO reply inside TLS', 'or STARTTLS refused / connection closed'];
  await s.sendRaw(`STARTTLS\r\n${injected}\r\n`);
  const reply = await s.read();
  if (reply.kind === 'closed') return pass(expected, 'connection closed after the pipelined STARTTLS');
  if (reply.kind !== 'reply') return violation(expected, describeOutcome(reply), `STARTTLS got ${describeOutcome(reply)}`);
  if (reply.code !== 220) return pass(expected, `STARTTLS refused: ${describeOutcome(reply)}`);
  const failure = await s.handshakeTls();
  if (failure) return pass(expected, `220, then no TLS session: ${failure.error ?? 'closed'}`);
  await s.sendRaw(`EHLO client.test\r\n`);
  const first = await s.read();
  const extra = await s.readExtra(300);
  const inside: Outcome[] = [first, ...extra];
  const actual = `inside TLS after EHLO: ${inside.map(describeOutcome).join(', then ')}`;
  if (first.kind === 'closed') return pass(expected, 'connection closed inside TLS');
  if (inside.filter((o) => o.kind === 'reply').length > 1) {
    return violation(expected, actual, `"${injected}", sent in plaintext after STARTTLS, was answered inside the TLS session`);
  }
  return pass(expected, actual);
}

export const starttlsCommandChecks = [
  defineCheck({
    id: 'rfc3207/4/starttls-replies',
    title: 'Sends "STARTTLS now" (with an argument); on a new connection STARTTLS and the TLS handshake',
    requirement: 'STARTTLS MUST be answered 220 (then TLS), 501 for an argument, or 454 when TLS is unavailable',
    level: 'MUST',
    catalog: ['3207-4-starttls-replies'],
    requires: ['STARTTLS'],
    needs: ['tls'],
    run: async (s, ctx) => {
      if (s.tlsActive) return skip(ALREADY_TLS);
      await handshake(s, ctx);
      const withArgument = await starttlsWithArgument(s);
      const second = await ctx.connect();
      await handshake(second, ctx);
      return worstOf([
        { probe: 'STARTTLS now', verdict: withArgument },
        { probe: 'STARTTLS', verdict: await plainStarttls(second) },
      ]);
    },
  }),

  defineCheck({
    id: 'rfc3207/4/no-plaintext-injection',
    title: 'Sends "STARTTLS\\r\\nRSET\\r\\n" in one write (and, on a new connection, STARTTLS with a MAIL), completes TLS, then sends EHLO',
    requirement: 'The server MUST NOT execute commands received in plaintext after STARTTLS inside the TLS session',
    level: 'MUST NOT',
    catalog: ['3207-4-no-plaintext-injection'],
    requires: ['STARTTLS'],
    needs: ['tls'],
    run: async (s, ctx) => {
      if (s.tlsActive) return skip(ALREADY_TLS);
      await handshake(s, ctx);
      const rset = await injection(s, 'RSET');
      const second = await ctx.connect();
      await handshake(second, ctx);
      const mail = await injection(second, `MAIL FROM:<inj-${ctx.token}@client.test>`);
      return worstOf([
        { probe: 'STARTTLS + RSET', verdict: rset },
        { probe: 'STARTTLS + MAIL', verdict: mail },
      ]);
    },
  }),
];
