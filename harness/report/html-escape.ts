import { escapeForTerminal } from './chars.js';

/**
 * HTML escaping for any string. Server text is hostile: a reply may carry `<script>`, a quote that
 * ends an attribute, or a bidi override that reorders what is shown after it. Every untrusted
 * string reaches the page through `text` or `attrs`, never through concatenation.
 *
 * Controls and bidi overrides are made visible first, in the transcript notation (`\x1b`, `\r`,
 * `\u{202e}`), for the same reasons as on a terminal: a browser silently drops most controls and
 * obeys the overrides ("Trojan Source", CVE-2021-42574). Newlines stay; the page decides per
 * element whether they break a line. Lone surrogates become `\u{d800}` rather than the U+FFFD the
 * UTF-8 encoder would make of them, so the reader sees that something odd was there.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text content (and, since quotes are escaped too, any quoted attribute value). */
export function text(s: string): string {
  return escapeForTerminal(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** An attribute value on one line: a newline inside a `title` tooltip or a `data-` key is never meant. */
function attr(s: string): string {
  return text(s).replace(/\n/g, ' ');
}

export type AttrValue = string | number | boolean | undefined;

/**
 * ` a="1" b` in the given order: `true` writes a bare boolean attribute, `false` and `undefined`
 * leave it out. Names are the page's own, never data.
 */
export function attrs(values: Readonly<Record<string, AttrValue>>): string {
  let out = '';
  for (const [name, v] of Object.entries(values)) {
    if (v === undefined || v === false) continue;
    out += v === true ? ` ${name}` : ` ${name}="${attr(String(v))}"`;
  }
  return out;
}

/** `<tag attrs>escaped text</tag>`. */
export function el(tag: string, values: Readonly<Record<string, AttrValue>>, content: string): string {
  return `<${tag}${attrs(values)}>${text(content)}</${tag}>`;
}
