import type { CheckContext } from '../../harness/check.js';
import { handshake, simpleMessage } from '../../harness/dialog.js';
import { describeOutcome, replyClass, type Outcome } from '../../harness/session/outcome.js';
import { plainResponse } from '../../harness/session/sasl.js';
import type { Session } from '../../harness/session/session.js';
import { expectReply, inconclusive, nonStrict, pass, skip, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { demandsTls, SUBMISSION_PORTS } from './support.js';

// RFC 3207 §4: a publicly referenced server (the MX) MUST NOT require STARTTLS for local
// delivery; a server that does require TLS (a non-public one) SHOULD answer every command other
// than NOOP, EHLO, STARTTLS and QUIT with "530 Must issue a STARTTLS command first".

const CLEARTEXT_NEEDED = 'the session is in TLS from the start (implicit TLS or --starttls); this check needs a cleartext session';

/** A cleartext transaction to ctx.rcpt; returns the first step that did not succeed, or the final reply. */
async function cleartextTransaction(s: Session, ctx: CheckContext): Promise<{ step: string; outcome: Outcome; ok: boolean }> {
  const steps: Array<[string, number[]]> = [[`MAIL FROM:<${ctx.sender}>`, [250]], [`RCPT TO:<${ctx.rcpt}>`, [250, 251]], ['DATA', [354]]];
  for (const [line, codes] of steps) {
    const outcome = await s.send(line);
    if (outcome.kind !== 'reply' || !codes.includes(outcome.code)) return { step: line, outcome, ok: false };
  }
  await s.sendRaw(Buffer.from(simpleMessage(ctx) + '.\r\n', 'utf8'));
  const end = await s.read();
  return { step: 'end of data', outcome: end, ok: end.kind === 'reply' && end.code === 250 };
}

/** A refusal by a server that requires TLS: 530 preferred; other refusals non-strict; acceptance a violation. */
function refusedForTls(o: Outcome, what: string, alsoFine: readonly number[] = []): Verdict {
  const expected = ['530', 'any 4xx/5xx'];
  const actual = describeOutcome(o);
  if (o.kind !== 'reply') return violation(expected, actual, `${what}: ${actual}`);
  if (o.code === 530 || alsoFine.includes(o.code)) return pass(expected, actual);
  const cls = replyClass(o.code);
  if (cls === 'permfail' || cls === 'tempfail') return nonStrict(expected, actual, `${what}: ${o.code} refuses, but RFC 3207 §4 names 530`);
  return violation(expected, actual, `${what} was carried out in cleartext although the server requires TLS`);
}

export const tlsPolicyChecks = [
  defineCheck({
    id: 'rfc3207/4/no-tls-required-port25',
    title: 'Delivers a message to the test mailbox in cleartext, without STARTTLS',
    requirement: 'A publicly referenced server MUST NOT require STARTTLS for local delivery',
    level: 'MUST NOT',
    catalog: ['3207-4-no-tls-required-port25'],
    appliesTo: 'public MX servers: targets on any port but the submission ports 587 and 465, reached in cleartext',
    run: async (s, ctx) => {
      if (s.tlsActive) return skip(CLEARTEXT_NEEDED);
      if (SUBMISSION_PORTS.has(s.options.port)) return skip(`port ${s.options.port} is a submission port, where TLS may be required`);
      await handshake(s, ctx);
      const { step, outcome, ok } = await cleartextTransaction(s, ctx);
      const expected = ['250 after the final dot, without TLS'];
      const actual = `${step}: ${describeOutcome(outcome)}`;
      if (ok) return pass(expected, actual);
      if (demandsTls(outcome)) return violation(expected, actual, `${step} was refused until STARTTLS: local delivery requires TLS`);
      return inconclusive(expected, actual, `${step} was refused for another reason than TLS; nothing can be concluded`);
    },
  }),

  defineCheck({
    id: 'rfc3207/4/530-when-tls-required',
    title: 'In cleartext on a server that requires TLS: MAIL, AUTH PLAIN (bogus), VRFY postmaster, NOOP',
    requirement: 'A server that requires TLS SHOULD answer 530 to everything but NOOP, EHLO, STARTTLS and QUIT, and 250 to NOOP',
    level: 'SHOULD',
    catalog: ['3207-4-530-when-tls-required'],
    appliesTo: 'servers that require TLS before mail (MAIL in cleartext refused for want of STARTTLS)',
    run: async (s, ctx) => {
      if (s.tlsActive) return skip(CLEARTEXT_NEEDED);
      await handshake(s, ctx);
      const mail = await s.send(`MAIL FROM:<${ctx.sender}>`);
      if (!demandsTls(mail)) return skip(`the target does not require TLS: MAIL in cleartext got ${describeOutcome(mail)}`);
      const bogus = plainResponse({ user: `nobody-${ctx.token}`, pass: 'wrong' });
      const auth = await s.send(`AUTH PLAIN ${bogus}`);
      if (auth.kind === 'reply' && auth.code === 334) await s.send('*');
      const vrfy = await s.send('VRFY postmaster');
      const noop = await s.send('NOOP');
      return worstOf([
        { probe: 'MAIL', verdict: refusedForTls(mail, 'MAIL') },
        // RFC 4954 §6: 538 is AUTH's own "encryption required" reply.
        { probe: 'AUTH PLAIN', verdict: refusedForTls(auth, 'AUTH', [538]) },
        { probe: 'VRFY', verdict: refusedForTls(vrfy, 'VRFY') },
        { probe: 'NOOP', verdict: expectReply(noop, { class: 'ok', preferred: [250] }, 'NOOP') },
      ]);
    },
  }),
];

