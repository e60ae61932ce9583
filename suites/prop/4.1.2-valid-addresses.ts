import { addressCase, MAX_DOMAIN, type AddressCase } from '../../harness/model/addresses.js';
import { checkProperty, type RunEnv } from '../../harness/model/property.js';
import { isSyntaxRefusal } from '../../harness/model/replies.js';
import { propertyVerdict } from '../../harness/model/verdict.js';
import type { CheckContext } from '../../harness/check.js';
import { describeOutcome, isClass, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { required } from '../../harness/setup.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.2 and §4.1.3 (with RFC 6531 §3.3 where SMTPUTF8 is advertised): dot-atoms,
// quoted strings, local parts of up to 64 octets, domains with labels of up to 63 octets (up to
// 255 in EHLO), IPv4 and IPv6 address literals and UTF-8 mailboxes are valid syntax. A server may
// refuse any of them for policy (no such user, relay denied, unknown sender domain), never as
// malformed (500/501/555, 553, or an X.1.3/X.1.7/X.5.2 enhanced code). Recipients are at the
// target's local domain, senders at .test domains or address literals.

/** A valid argument the server called malformed. */
class SyntaxRefused extends Error {}

/** Domains of 254 and 255 octets: RFC 5321 requires them, but DNS names stop at 253 (catalog ambiguity 12). */
const LENIENT_DOMAIN = 253;

async function probe(s: Session, env: RunEnv, line: string, what: string, soft?: string[]): Promise<Outcome> {
  env.log.sent(line);
  env.commands++;
  const o = await s.send(line);
  env.log.received(o);
  if (o.kind === 'reply' && isSyntaxRefusal(o)) {
    const message = `${what} refused as malformed: "${line}" got ${describeOutcome(o)}`;
    if (!soft) throw new SyntaxRefused(message);
    soft.push(message);
  } else if (o.kind !== 'reply') throw new SyntaxRefused(`${what}: ${describeOutcome(o)}`);
  return o;
}

async function tryCase(c: AddressCase, ctx: CheckContext, env: RunEnv, soft: string[]): Promise<void> {
  const s = await env.connect();
  env.log.connection(1, s.greeting);
  required(s.greeting, 'greeting', [220]);
  const utf8 = c.utf8 ? ' SMTPUTF8' : '';
  const lenient = Buffer.byteLength(c.ehlo) > LENIENT_DOMAIN && Buffer.byteLength(c.ehlo) <= MAX_DOMAIN;
  const ehlo = await probe(s, env, `EHLO ${c.ehlo}`, `EHLO domain of ${Buffer.byteLength(c.ehlo)} octets`, lenient ? soft : undefined);
  // A policy refusal of the name: go on under the run's own name.
  if (!isClass(ehlo, 'ok')) required(await s.send(`EHLO ${ctx.heloName}`), `EHLO ${ctx.heloName}`);
  const mail = await probe(s, env, `MAIL FROM:<${c.sender}>${utf8}`, 'reverse-path');
  // The sender refused for policy: the recipient is tried after a sender the target accepts.
  if (!isClass(mail, 'ok')) {
    const line = `MAIL FROM:<${ctx.sender}>${utf8}`;
    env.log.sent(line);
    const again = await s.send(line);
    env.log.received(again);
    if (!isClass(again, 'ok')) return;
  }
  await probe(s, env, `RCPT TO:<${c.recipientLocal}@${ctx.localDomain}>`, 'forward-path');
  env.log.sent('RSET');
  env.log.received(await s.send('RSET'));
  env.commands += 2;
}

export const validAddressChecks = [
  defineCheck({
    id: 'prop/4.1.2/valid-addresses',
    title: 'Sends EHLO, MAIL and RCPT with random valid addresses (RFC 5321 §4.1.2, §4.1.3; RFC 6531 §3.3): dot-atoms, quoted strings, 64-octet local parts, long domains, IPv4/IPv6 literals, UTF-8 mailboxes',
    requirement: 'The server MUST NOT refuse a syntactically valid address as malformed (500/501/553, X.1.3, X.1.7); only policy refusals are allowed',
    level: 'MUST',
    catalog: ['5321-4.1.3-address-literals', '5321-4.5.3.1.2-domain-255', '6531-3.2-accept-utf8-mailboxes'],
    run: async (s, ctx) => {
      required(s.greeting, 'greeting', [220]);
      const soft: string[] = [];
      const report = await checkProperty(
        s,
        ctx,
        {
          arbitrary: addressCase(ctx.probeKeywords.has('SMTPUTF8'), ctx.localDomain),
          run: (c, env) => tryCase(c, ctx, env, soft),
        },
        { defaultRuns: 300 },
      );
      return propertyVerdict(report, ['every valid address taken, or refused for policy only'], soft);
    },
  }),
];
