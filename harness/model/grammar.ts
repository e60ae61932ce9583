import { escapeBytes } from '../session/escape.js';
import { replyClass, type Outcome, type Reply } from '../session/outcome.js';

// RFC 5321 §4.2 / §4.2.1 (Reply-line grammar, one code per reply) and RFC 2034 §3-4 (enhanced
// status codes on every 2xx/4xx/5xx reply but the greeting and the HELO/EHLO replies, with the
// class of the reply code, the same on every line of a multi-line reply).

/** Deviations the reply reader reports that break only a SHOULD (or a limit graded warn). */
const SOFT = [/has no space after the code/, /exceeds the 512-octet limit/];

const ENHANCED = /^([245])\.(\d{1,3})\.(\d{1,3})(?: |$)/;

export class GrammarViolation extends Error {}

export interface GrammarProblems {
  readonly hard: string[];
  readonly soft: string[];
}

/** Commands whose replies RFC 2034 §3 exempts from enhanced status codes. */
const EXEMPT = new Set(['greeting', 'EHLO', 'HELO']);

export function replyProblems(command: string, o: Outcome, enhanced: boolean): GrammarProblems {
  const hard: string[] = [];
  const soft: string[] = [];
  const show = (raw: Uint8Array) => `"${escapeBytes(raw).slice(0, 200)}"`;
  if (o.kind === 'violation') hard.push(`${command}: ${o.detail}: ${show(o.raw)}`);
  else if (o.kind !== 'reply') {
    if (o.partial.length > 0) hard.push(`${command}: incomplete reply ${show(o.partial)} (${o.kind})`);
  } else {
    for (const d of o.deviations) (SOFT.some((r) => r.test(d)) ? soft : hard).push(`${command}: ${d}: ${show(o.raw)}`);
    if (enhanced && !EXEMPT.has(command)) hard.push(...enhancedProblems(command, o).map((p) => `${p}: ${show(o.raw)}`));
  }
  return { hard, soft };
}

function enhancedProblems(command: string, reply: Reply): string[] {
  const cls = replyClass(reply.code);
  if (cls !== 'ok' && cls !== 'tempfail' && cls !== 'permfail') return [];
  const codes = reply.lines.map((text) => ENHANCED.exec(text));
  const missing = codes.findIndex((m) => m === null);
  if (missing !== -1) return [`${command}: ${reply.code} reply without an enhanced status code (RFC 2034 §4) on line ${missing + 1}`];
  const first = codes[0]!;
  if (first[1] !== String(reply.code)[0]) return [`${command}: enhanced code ${first[0].trim()} does not have the class of ${reply.code} (RFC 2034 §4)`];
  const differing = codes.find((m) => m![0].trim() !== first[0].trim());
  if (differing) return [`${command}: multi-line reply with enhanced codes ${first[0].trim()} and ${differing[0].trim()} (RFC 2034 §4)`];
  return [];
}

/** Watches every outcome of a run: throws on a hard problem, keeps the soft ones. */
export class GrammarMonitor {
  readonly soft: string[] = [];
  constructor(private readonly enhanced: boolean) {}

  readonly observe = (command: string, o: Outcome): void => {
    const { hard, soft } = replyProblems(command, o, this.enhanced);
    this.soft.push(...soft);
    if (hard.length > 0) throw new GrammarViolation(hard.join('; '));
  };
}
