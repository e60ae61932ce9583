import { stripNonXmlChars } from './chars.js';

/**
 * XML escaping for any string. No CDATA: a `]]>` inside the text would end the section early,
 * while `&gt;` needs no special case. All five predefined entities are escaped in both text and
 * attributes so a value is safe wherever it is pasted.
 */

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A raw CR is normalised to LF by every parser (XML 1.0 §2.11); a reference survives.
  '\r': '&#13;',
};

// Attribute values are additionally whitespace-normalised (XML 1.0 §3.3.3): a raw tab or
// newline would read back as a space, so they are written as references.
const ATTR_ESCAPES: Readonly<Record<string, string>> = { ...TEXT_ESCAPES, '\n': '&#10;', '\t': '&#9;' };

export function escapeXmlText(s: string): string {
  return stripNonXmlChars(s).replace(/[&<>"'\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

export function escapeXmlAttr(s: string): string {
  return stripNonXmlChars(s).replace(/[&<>"'\r\n\t]/g, (c) => ATTR_ESCAPES[c] ?? c);
}

/** ` a="1" b="x"` in the given order; undefined values are left out (optional attributes). */
export function xmlAttrs(attrs: Readonly<Record<string, string | number | undefined>>): string {
  let out = '';
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined) out += ` ${k}="${escapeXmlAttr(String(v))}"`;
  }
  return out;
}

/** `<name attrs>text</name>`, or `<name attrs/>` when there is no text. */
export function xmlElement(name: string, attrs: Readonly<Record<string, string | number | undefined>>, text?: string): string {
  return text === undefined ? `<${name}${xmlAttrs(attrs)}/>` : `<${name}${xmlAttrs(attrs)}>${escapeXmlText(text)}</${name}>`;
}
