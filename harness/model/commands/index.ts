import fc from 'fast-check';
import type { CheckContext } from '../../check.js';
import { bodyArbitrary } from '../body.js';
import type { SmtpCommand } from '../command.js';
import { Bdat, Data, Mail, MailBad, PipelinedEnvelope, Rcpt, RcptBad, type MailParam } from './envelope.js';
import { Auth } from './extensions.js';
import { StartTls } from './extensions.js';
import { Ehlo, EhloWithoutDomain, Helo, Help, Noop, Quit, Reconnect, Rset, Unknown, Vrfy } from './session.js';

export { Auth, StartTls } from './extensions.js';
export { Bdat, Data, Mail, MailBad, PipelinedEnvelope, Rcpt, RcptBad } from './envelope.js';
export { Ehlo, EhloWithoutDomain, Helo, Help, Noop, Quit, Reconnect, Rset, Unknown, Vrfy } from './session.js';

const HELP_TOPICS = ['MAIL', 'RCPT', 'DATA', 'smtpspec'];

export interface CommandMix {
  /** Bodies with lines up to 998 octets (slower; the grammar property does not need them). */
  readonly longLines: boolean;
}

/**
 * Every command the model knows, with valid and invalid arguments, weighted so that a run of
 * twenty-odd commands usually gets through a transaction. Commands whose extension is not
 * advertised, or that the state or the hygiene budget rule out, are skipped at run time.
 */
export function commandArbitrary(ctx: CheckContext, mix: CommandMix): fc.Arbitrary<SmtpCommand> {
  const body = bodyArbitrary({ maxLines: 6, eightBit: true, long: mix.longLines });
  const someParams = fc.subarray<MailParam>(['BODY=8BITMIME', 'SIZE', 'SMTPUTF8'], { minLength: 1 }).chain((ps) =>
    ps.includes('BODY=8BITMIME') ? fc.constantFrom(ps, ps.map((p) => (p === 'BODY=8BITMIME' ? 'BODY=7BIT' : p)) as MailParam[]) : fc.constant(ps),
  );
  const params = fc.oneof({ arbitrary: fc.constant<MailParam[]>([]), weight: 3 }, { arbitrary: someParams, weight: 2 });
  const mechanism = fc.constantFrom('PLAIN' as const, 'LOGIN' as const);
  const entries: Array<{ arbitrary: fc.Arbitrary<SmtpCommand>; weight: number }> = [
    { arbitrary: fc.constant(new Ehlo()), weight: 3 },
    { arbitrary: fc.constant(new Helo()), weight: 1 },
    { arbitrary: fc.constant(new EhloWithoutDomain()), weight: 1 },
    { arbitrary: fc.tuple(fc.constantFrom('sender' as const, 'null' as const), params).map(([from, ps]) => new Mail(from, ps)), weight: 5 },
    { arbitrary: fc.constantFrom('no-colon' as const, 'space-in-path' as const, 'unknown-parameter' as const).map((k) => new MailBad(k)), weight: 1 },
    { arbitrary: fc.constantFrom('local' as const, 'postmaster' as const, 'unknown' as const, 'relay' as const).map((k) => new Rcpt(k)), weight: 8 },
    { arbitrary: fc.constantFrom('null' as const, 'no-domain' as const).map((k) => new RcptBad(k)), weight: 1 },
    { arbitrary: body.map((b) => new Data(b)), weight: 3 },
    { arbitrary: body.map((b) => new Bdat(b)), weight: 1 },
    { arbitrary: fc.constant(new PipelinedEnvelope()), weight: 1 },
    { arbitrary: fc.constant(new Rset()), weight: 5 },
    { arbitrary: fc.option(fc.constantFrom('smtpspec', 'x y z'), { nil: undefined }).map((a) => new Noop(a)), weight: 1 },
    { arbitrary: fc.constantFrom('rcpt' as const, 'unknown' as const).map((w) => new Vrfy(w)), weight: 1 },
    { arbitrary: fc.option(fc.constantFrom(...HELP_TOPICS), { nil: undefined }).map((t) => new Help(t)), weight: 1 },
    { arbitrary: fc.constant(new Unknown()), weight: 1 },
    { arbitrary: fc.constant(new StartTls()), weight: 1 },
    { arbitrary: fc.constant(new Quit()), weight: 1 },
    // Applies only when the connection is closed, lost or out of budget; usually followed by EHLO.
    { arbitrary: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)).map((ehlo) => new Reconnect(ehlo)), weight: 6 },
  ];
  if (ctx.credentials) {
    const kinds = fc.constantFrom('good' as const, 'wrong' as const, 'in-transaction' as const, 'again' as const);
    entries.push({ arbitrary: fc.tuple(kinds, mechanism).map(([k, mech]) => new Auth(k, mech)), weight: 1 });
  }
  return fc.oneof(...entries);
}
