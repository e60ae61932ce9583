/**
 * Character hygiene shared by the report formats. Reasons and titles can hold anything a server
 * sent or a check author typed; each format has its own idea of what may appear, and a report a
 * CI tool rejects is worse than one that lost an unprintable byte.
 */

// XML 1.0 §2.2 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// With the `u` flag a lone surrogate is its own code point (U+D800..U+DFFF), outside every range.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Removes what XML 1.0 forbids even as a character reference (`&#0;` is not well-formed), so the
 * JUnit file parses. The TAP output uses it too: TAP is routinely converted to JUnit downstream
 * (tap-junit), and a NUL that survives into YAML would break that converter's XML instead.
 */
export function stripNonXmlChars(s: string): string {
  return s.replace(NOT_XML_CHAR, '');
}

// C0 controls but LF (a tab would misalign the columns), C1 controls, DEL, lone surrogates, and the bidi overrides/isolates that let text
// reorder what is printed after it ("Trojan Source", CVE-2021-42574).
const NOT_SAFE_FOR_TERMINAL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|\p{Surrogate}/gu;

/**
 * Shows control characters as escapes (`\x1b`, `\t`, `\r`) instead of sending them to a terminal:
 * a reply carrying ESC could otherwise recolour, clear or rewrite the user's screen. Newlines are
 * kept because callers split on them. Same notation as transcripts (conventions: `\r`, `\x00`).
 */
export function escapeForTerminal(s: string): string {
  return s.replace(NOT_SAFE_FOR_TERMINAL, (c) => {
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    const cp = c.codePointAt(0) ?? 0;
    return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16)}}`;
  });
}

/** Line breaks of every kind a reader may honour, collapsed where a format needs one line. */
const LINE_BREAKS = /[\r\n\u0085\u2028\u2029]+/g;

export function oneLine(s: string): string {
  return s.replace(LINE_BREAKS, ' ');
}
