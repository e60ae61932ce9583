import { handshake, mailFrom } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 1869 §4.1.2: the 512-octet limit on command lines is for commands without parameters; a
// server must accept MAIL and RCPT lines as long as 512 plus the longest form of every parameter
// of the extensions it offers: SIZE +26 (RFC 1870 §3), AUTH= +500 (RFC 4954 §3), SMTPUTF8 +10
// (RFC 6531 §3.1), BODY=BINARYMIME +16 (RFC 3030 §3), and for DSN (RFC 3461 §5.4) ENVID 100 and
// RET 8 on MAIL, NOTIFY 28 and ORCPT 500 on RCPT, whose lines must be accepted up to 1036 octets.

/** A domain of `length` octets ending in `base`, with labels of at most 63 octets. */
function domainOfLength(base: string, length: number): string {
  let host = base;
  while (host.length + 1 < length) host = `${'d'.repeat(Math.min(63, length - host.length - 1))}.${host}`;
  return host;
}

/** RFC 5321 §4.5.3.1.1 and §4.5.3.1.3: a 64-octet local part in a path of 256 octets with "<>". */
export function longPath(domain: string): string {
  const local = 'l'.repeat(64);
  return `${local}@${domainOfLength(domain, 256 - 2 - local.length - 1)}`;
}

/** xtext (RFC 3461 §4) with every character hex-encoded: "a" → "+61". */
function xtextAll(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `+${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** MAIL parameters at their longest for each extension the session advertised, and the allowance. */
export function mailParameters(s: Session, ctx: { heloName: string; token: string }): { params: string[]; allowance: number } {
  const params: string[] = [];
  let allowance = 512;
  const add = (param: string, extra: number): void => {
    params.push(param);
    allowance += extra;
  };
  if (s.has('SIZE')) add(`SIZE=${'1000'.padStart(20, '0')}`, 26);
  // RFC 6152 adds no allowance for BODY; it is sent anyway, as clients do.
  if (s.has('8BITMIME')) add('BODY=8BITMIME', 0);
  if (s.has('SMTPUTF8')) add('SMTPUTF8', 10);
  if (s.has('DSN')) {
    add('RET=HDRS', 9);
    add(`ENVID=${`smtpspec-${ctx.token}-`.padEnd(100, 'x')}`, 107);
  }
  if (s.has('AUTH')) {
    // " AUTH=" and an all-encoded xtext mailbox filling the rest of its 500 octets (RFC 4954 §5).
    const decoded = Math.floor((500 - ' AUTH='.length) / 3);
    add(`AUTH=${xtextAll(`${'a'.repeat(64)}@${domainOfLength(ctx.heloName, decoded - 65)}`)}`, 500);
  }
  return { params, allowance };
}

/** A 500, a close or a "too long" text is the length limit speaking; other replies are not. */
function lengthVerdict(o: Outcome, octets: number, allowance: number, what: string): Verdict {
  const expected = [`no line-length refusal for ${octets} octets (allowance ${allowance})`];
  const actual = describeOutcome(o);
  if (o.kind !== 'reply') return violation(expected, actual, `${what} of ${octets} octets: ${actual}`);
  if (o.code === 500 || /too long|length|exceed/i.test(o.lines.join(' '))) return violation(expected, actual, `${what} of ${octets} octets refused as too long, within the ${allowance} octets its parameters allow`);
  return pass(expected, actual, o.code >= 400 ? 'refused for a reason other than length' : undefined);
}

export const extendedLineLengthChecks = [
  defineCheck({
    id: 'rfc1869/4.1.2/extended-line-length',
    title: 'Sends MAIL with a 256-octet path and every advertised MAIL parameter at its longest; with DSN, RCPT with the longest NOTIFY and ORCPT',
    requirement: 'MAIL and RCPT lines up to 512 octets plus the lengths of the supported parameters MUST be accepted (no "line too long")',
    level: 'MUST',
    catalog: ['1869-4.1.2-extended-line-length'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const senderDomain = ctx.sender.split('@')[1] ?? ctx.heloName;
      const { params, allowance } = mailParameters(s, ctx);
      const mailLine = [`MAIL FROM:<${longPath(senderDomain)}>`, ...params].join(' ');
      const mailOctets = Buffer.byteLength(mailLine) + 2;
      const mail = await s.send(mailLine);
      const parts = [{ probe: `MAIL (${mailOctets} octets)`, verdict: lengthVerdict(mail, mailOctets, allowance, 'MAIL') }];
      if (s.has('DSN') && !s.isClosed) {
        if (mail.kind !== 'reply' || mail.code !== 250) {
          await s.send('RSET');
          await mailFrom(s, ctx);
        }
        // RFC 3461 §5.4: an ORCPT value of 500 characters.
        const orcpt = `rfc822;${`${ctx.token}-`.padEnd(500 - 'rfc822;@'.length - ctx.heloName.length, 'o')}@${ctx.heloName}`;
        const rcptLine = `RCPT TO:<${ctx.rcpt}> NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=${orcpt}`;
        const rcptOctets = Buffer.byteLength(rcptLine) + 2;
        parts.push({ probe: `RCPT (${rcptOctets} octets)`, verdict: lengthVerdict(await s.send(rcptLine), rcptOctets, 1036, 'RCPT') });
      }
      return worstOf(parts);
    },
  }),
];
