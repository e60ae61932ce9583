import type { CheckContext } from '../../harness/check.js';
import { awaitRelayOrBounce, bounceSender, dotStuffOctets, requireAccepted, submitForRelay, taggedMessage, type Arrival } from '../../harness/relay.js';
import type { Session } from '../../harness/session/session.js';
import { headerFields, splitMessage, type HeaderField } from '../../harness/sink/mime.js';
import type { SinkTransaction } from '../../harness/sink/types.js';

// Just enough of the RFC 5321 §4.4 Received grammar to grade the field a target prepended:
//   Received: [from Extended-Domain] [by Extended-Domain] [via Link] [with Protocol] [id ID]
//             [for Path / Mailbox] *(Additional-Registered-Clauses) ; date-time
// Comments (CFWS) are kept apart, because the FROM clause's TCP-info lives in one.

export interface ReceivedClause {
  /** Atoms, addresses and literals of the clause, comments removed. */
  readonly words: readonly string[];
  /** The clause's comments, outer parentheses removed. */
  readonly comments: readonly string[];
}

export interface ParsedReceived {
  readonly raw: string;
  /** Clause name in lower case (from, by, via, with, id, for, ...) → the clause; the first of each. */
  readonly clauses: ReadonlyMap<string, ReceivedClause>;
  /** The text after the last ";", comments removed and whitespace collapsed; undefined without a ";". */
  readonly date: string | undefined;
}

const CLAUSES = new Set(['from', 'by', 'via', 'with', 'id', 'for']);

type Token = { kind: 'word' | 'comment'; text: string };

/** Words (an <address> or a [literal] is one word) and (nested) comments. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(') {
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '\\') j++;
        else if (text[j] === '(') depth++;
        else if (text[j] === ')' && --depth === 0) break;
      }
      out.push({ kind: 'comment', text: text.slice(i + 1, j) });
      i = j + 1;
    } else {
      const close = c === '<' ? '>' : c === '[' ? ']' : c === '"' ? '"' : undefined;
      let j = i + 1;
      if (close) {
        const end = text.indexOf(close, i + 1);
        j = end === -1 ? text.length : end + 1;
      }
      while (j < text.length && !/[\s(]/.test(text[j]!)) j++;
      out.push({ kind: 'word', text: text.slice(i, j) });
      i = j;
    }
  }
  return out;
}

/** The last ";" outside comments: the date-time follows it. */
function lastSemicolon(text: string): number {
  let depth = 0;
  let at = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) at = i;
  }
  return at;
}

export function parseReceived(field: HeaderField): ParsedReceived {
  const value = field.value.replace(/\r\n/g, '');
  const semi = lastSemicolon(value);
  const head = semi === -1 ? value : value.slice(0, semi);
  const date = semi === -1 ? undefined : tokens(value.slice(semi + 1)).filter((t) => t.kind === 'word').map((t) => t.text).join(' ');
  const clauses = new Map<string, { words: string[]; comments: string[] }>();
  let current: { words: string[]; comments: string[] } | undefined;
  for (const t of tokens(head)) {
    const name = t.text.toLowerCase();
    if (t.kind === 'word' && CLAUSES.has(name)) {
      current = { words: [], comments: [] };
      if (!clauses.has(name)) clauses.set(name, current);
    } else if (current) {
      (t.kind === 'word' ? current.words : current.comments).push(t.text);
    }
  }
  return { raw: field.raw, clauses, date };
}

/**
 * The Received field that stamps the harness's own session: the bottom-most Received field of the
 * copy (the probe carries none of its own, so every Received field there was added downstream).
 */
export function sessionReceived(t: SinkTransaction): ParsedReceived | undefined {
  const fields = headerFields(splitMessage(t.content).header).filter((f) => f.name.toLowerCase() === 'received');
  const last = fields[fields.length - 1];
  return last ? parseReceived(last) : undefined;
}

/** Relays one tagged message without trace fields to `rcpts` and waits for the first copy (or bounce). */
export async function relayProbe(s: Session, ctx: CheckContext, rcpts: readonly string[], label = 'relay'): Promise<Arrival> {
  const message = taggedMessage(ctx, { to: rcpts[0]!, body: 'Received field test\r\n' });
  requireAccepted(await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts, content: dotStuffOctets(message) }));
  return awaitRelayOrBounce(ctx, label);
}

/** "with ESMTP", "no WITH clause": how a parsed field is shown in verdicts. */
export function describeClause(r: ParsedReceived, name: string): string {
  const c = r.clauses.get(name);
  if (!c) return `no ${name.toUpperCase()} clause`;
  return `${name} ${c.words.join(' ')}${c.comments.map((x) => ` (${x})`).join('')}`.trim();
}

/** RFC 3848, RFC 4954 §7, RFC 6531 §4.3 (and SMTP/ESMTP of RFC 5321): registered WITH protocol types. */
export const REGISTERED_WITH: ReadonlySet<string> = new Set([
  'SMTP', 'ESMTP', 'ESMTPA', 'ESMTPS', 'ESMTPSA',
  'LMTP', 'LMTPA', 'LMTPS', 'LMTPSA',
  'UTF8SMTP', 'UTF8SMTPA', 'UTF8SMTPS', 'UTF8SMTPSA',
  'UTF8LMTP', 'UTF8LMTPA', 'UTF8LMTPS', 'UTF8LMTPSA',
]);
