import { escapeBytes } from '../session/escape.js';
import { describeOutcome, type Outcome } from '../session/outcome.js';

const MAX_LINES = 400;
const MAX_LINE_CHARS = 160;

/**
 * The dialog of one property run, as the counterexample shows it: `->` sent, `<-` received (the
 * reply octets, escaped), `**` events and the model's judgement. Bounded: a run is short, but a
 * hostile server must not make it long.
 */
export class DialogLog {
  private readonly lines: string[] = [];
  private dropped = 0;

  connection(n: number, greeting: Outcome): void {
    this.push(`** connection ${n}`);
    this.received(greeting);
  }

  sent(text: string): void {
    this.push(`-> ${clip(escapeBytes(Buffer.from(text, 'utf8')))}`);
  }

  /** Message content: each line as sent (already dot-stuffed), long ones clipped. */
  content(bytes: Uint8Array): void {
    const text = escapeBytes(bytes);
    const lines = text.split('\\r\\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const shown = lines.slice(0, 12);
    for (const l of shown) this.push(`-> ${clip(l)}\\r\\n`);
    if (lines.length > shown.length) this.push(`** ${lines.length - shown.length} more content lines not shown`);
  }

  received(o: Outcome): void {
    if (o.kind === 'reply' || o.kind === 'violation') {
      const text = escapeBytes(o.raw);
      for (const l of text.split(/(?<=\\r\\n)/)) if (l !== '') this.push(`<- ${clip(l)}`);
      if (o.kind === 'violation') this.push(`** malformed reply: ${o.detail}`);
      return;
    }
    this.push(`** ${describeOutcome(o)}`);
  }

  note(text: string): void {
    this.push(`** ${text}`);
  }

  get length(): number {
    return this.lines.length;
  }

  render(): string {
    return this.dropped > 0 ? [...this.lines, `** ${this.dropped} more lines not kept`].join('\n') : this.lines.join('\n');
  }

  private push(line: string): void {
    if (this.lines.length >= MAX_LINES) this.dropped++;
    else this.lines.push(line);
  }
}

function clip(s: string): string {
  return s.length > MAX_LINE_CHARS ? `${s.slice(0, MAX_LINE_CHARS)}… (${s.length} characters)` : s;
}
