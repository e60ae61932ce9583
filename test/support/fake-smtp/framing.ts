// Cutting the fake server's input into command lines and message data. The input is kept as a
// latin1 string so that every octet survives as one character.

/** The next command line (without its line end) and what follows it, or undefined if none is complete. */
export function takeCommandLine(buffer: string, bareLf: boolean): { line: string; rest: string } | undefined {
  const m = (bareLf ? /\r?\n/ : /\r\n/).exec(buffer);
  if (!m) return undefined;
  return { line: buffer.slice(0, m.index), rest: buffer.slice(m.index + m[0].length) };
}

export interface DataFraming {
  /** Whether a data line ends the data (split at CRLF); the conforming rule is `line === '.'`. */
  endsData?: (line: string) => boolean;
  /** Bug: CR, LF and CRLF all count as line ends around the ending dot. */
  anyNewlineEndsData?: boolean;
}

/**
 * The message data (from just after the 354 to the line end before the ending dot) and what follows
 * the end of data, or undefined while the end has not arrived.
 */
export function takeMessageData(buffer: string, framing: DataFraming): { content: string; rest: string } | undefined {
  if (framing.anyNewlineEndsData) {
    // The data starts right after the CRLF of the 354, so a dot on the first line ends it too.
    const text = '\r\n' + buffer;
    const m = /(\r\n|\r|\n)\.(\r\n|\r|\n)/.exec(text);
    return m ? { content: text.slice(2, Math.max(2, m.index)), rest: text.slice(m.index + m[0].length) } : undefined;
  }
  const ends = framing.endsData ?? ((line: string) => line === '.');
  for (let start = 0, end = buffer.indexOf('\r\n'); end !== -1; start = end + 2, end = buffer.indexOf('\r\n', start)) {
    if (ends(buffer.slice(start, end))) return { content: buffer.slice(0, Math.max(0, start - 2)), rest: buffer.slice(end + 2) };
  }
  return undefined;
}
