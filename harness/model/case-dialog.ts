import fc from 'fast-check';
import type { CheckContext } from '../check.js';
import { nonexistentMailbox } from '../dialog.js';
import { describeOutcome, replyClass, type Outcome } from '../session/outcome.js';
import type { Session } from '../session/session.js';
import { sevenBit, wireContent, END_OF_DATA } from './body.js';
import type { DialogLog } from './log.js';
import { MAX_PROTOCOL_ERRORS } from './replies.js';

// RFC 5321 §2.4: verbs, "FROM:"/"TO:", extension keywords and parameter names are case-insensitive.
// A dialog is sent twice on two connections, once in upper case and once with the case of those
// words permuted; every reply must be of the same class on both.

/** A command line in pieces: words whose case the property permutes, and text it leaves alone. */
export type Piece = { readonly word: string } | { readonly text: string };

export interface CaseStep {
  readonly pieces: readonly Piece[];
  /** DATA: after a 354 on both connections, the same small message goes to both. */
  readonly data?: boolean;
}

/** One step and, for each of its words, which letters to lower-case (shrinks towards upper case). */
export interface PermutedStep {
  readonly step: CaseStep;
  readonly masks: readonly (readonly boolean[])[];
}

const w = (word: string): Piece => ({ word });
const t = (text: string): Piece => ({ text });

/** The dialog steps, limited to the extensions the target advertised to the probe. */
export function caseSteps(ctx: CheckContext): CaseStep[] {
  const k = ctx.probeKeywords;
  const params: Piece[][] = [];
  if (k.has('8BITMIME')) params.push([w('BODY'), t('=8BITMIME')], [w('BODY'), t('=7BIT')]);
  if (k.has('SIZE')) params.push([w('SIZE'), t('=1000')]);
  if (k.has('SMTPUTF8')) params.push([w('SMTPUTF8')]);
  if (k.has('DSN')) params.push([w('RET'), t('=HDRS')], [w('ENVID'), t(`=smtpspec-${ctx.token}`)]);
  const steps: CaseStep[] = [
    { pieces: [w('EHLO'), t(` ${ctx.heloName}`)] },
    { pieces: [w('HELO'), t(` ${ctx.heloName}`)] },
    { pieces: [w('MAIL'), t(' '), w('FROM:'), t(`<${ctx.sender}>`)] },
    ...params.map((p) => ({ pieces: [w('MAIL'), t(' '), w('FROM:'), t(`<${ctx.sender}> `), ...p] })),
    ...(params.length > 1 ? [{ pieces: [w('MAIL'), t(' '), w('FROM:'), t(`<${ctx.sender}> `), ...params[0]!, t(' '), ...params[params.length - 1]!] }] : []),
    { pieces: [w('RCPT'), t(' '), w('TO:'), t(`<${ctx.rcpt}>`)] },
    { pieces: [w('RCPT'), t(' '), w('TO:'), t(`<${nonexistentMailbox(ctx)}>`)] },
    { pieces: [w('DATA')], data: true },
    { pieces: [w('RSET')] },
    { pieces: [w('NOOP')] },
    { pieces: [w('NOOP'), t(' smtpspec')] },
    { pieces: [w('VRFY'), t(` ${ctx.rcpt}`)] },
    { pieces: [w('HELP')] },
    { pieces: [w('HELP'), t(' MAIL')] },
    { pieces: [w('QUIT')] },
  ];
  return steps;
}

export function caseDialogArbitrary(ctx: CheckContext, maxSteps: number): fc.Arbitrary<PermutedStep[]> {
  const steps = caseSteps(ctx);
  const mask = fc.array(fc.boolean(), { minLength: 8, maxLength: 8 });
  const permuted = fc.tuple(fc.constantFrom(...steps), fc.array(mask, { minLength: 4, maxLength: 4 })).map(([step, masks]) => shown({ step, masks }));
  // Most dialogs start with EHLO, as clients do.
  return fc.tuple(fc.boolean(), fc.array(permuted, { minLength: 1, maxLength: maxSteps })).map(([ehlo, rest]) =>
    ehlo ? [shown({ step: steps[0]!, masks: [[false]] }), ...rest] : rest,
  );
}

/** A counterexample shows each step as the permuted line it sends. */
function shown(s: PermutedStep): PermutedStep {
  return Object.assign(s, { [fc.toStringMethod]: () => JSON.stringify(permutedLine(s)) });
}

export function upperLine(step: CaseStep): string {
  return step.pieces.map((p) => ('word' in p ? p.word : p.text)).join('');
}

export function permutedLine(s: PermutedStep): string {
  let i = 0;
  return s.step.pieces
    .map((p) => {
      if (!('word' in p)) return p.text;
      const mask = s.masks[i++] ?? [];
      return [...p.word].map((c, j) => (mask[j % Math.max(1, mask.length)] ? c.toLowerCase() : c)).join('');
    })
    .join('');
}

/** The classes of two replies differ: the permuted spelling was not taken like the upper-case one. */
export class CaseMismatch extends Error {}

const MESSAGE = ['Subject: smtpspec case property', '', 'hello'];

/**
 * Sends the dialog on `upper` and `permuted` side by side. Stops after QUIT, when a connection
 * closes, or when either connection has drawn two protocol errors (hygiene).
 */
export async function runCaseDialog(dialog: readonly PermutedStep[], upper: Session, permuted: Session, log: DialogLog): Promise<number> {
  let commands = 0;
  const send = async (label: string, s: Session, line: string): Promise<Outcome> => {
    log.sent(`${label} ${line}`);
    const o = await s.send(line);
    log.received(o);
    // Only answered commands count: a run whose commands got no reply compared nothing.
    if (o.kind === 'reply') commands++;
    return o;
  };
  for (const d of dialog) {
    if (upper.isClosed || permuted.isClosed) break;
    if (Math.max(upper.protocolErrors, permuted.protocolErrors) >= MAX_PROTOCOL_ERRORS) break;
    const a = await send('[upper]', upper, upperLine(d.step));
    const b = await send('[permuted]', permuted, permutedLine(d));
    // Neither spelling got a reply (the server hung up or sent garbage to both): nothing to compare.
    if (a.kind !== 'reply' && b.kind !== 'reply' && a.kind !== 'timeout' && b.kind !== 'timeout') break;
    compare(upperLine(d.step), a, permutedLine(d), b, log);
    if (d.step.data && a.kind === 'reply' && a.code === 354) {
      const content = Buffer.concat([wireContent(sevenBit(MESSAGE)), Buffer.from(END_OF_DATA, 'latin1')]);
      log.note('the same message on both connections');
      await upper.sendRaw(content);
      await permuted.sendRaw(content);
      const [fa, fb] = [await upper.read(), await permuted.read()];
      log.received(fa);
      log.received(fb);
      compare('end of data', fa, 'end of data', fb, log);
    }
  }
  return commands;
}

function compare(lineA: string, a: Outcome, lineB: string, b: Outcome, log: DialogLog): void {
  const cls = (o: Outcome) => (o.kind === 'reply' ? (replyClass(o.code) ?? String(o.code)) : o.kind);
  if (a.kind === 'timeout' || b.kind === 'timeout' || cls(a) !== cls(b)) {
    log.note(`"${lineB}" got ${describeOutcome(b)} where "${lineA}" got ${describeOutcome(a)}`);
    throw new CaseMismatch(`"${lineB}" got ${describeOutcome(b)}, but "${lineA}" got ${describeOutcome(a)}: a different reply class (RFC 5321 §2.4)`);
  }
}
