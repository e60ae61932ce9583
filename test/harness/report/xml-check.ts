import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';

const XSD_PATH = fileURLToPath(new URL('./junit.xsd', import.meta.url));
let xsd: Promise<string> | undefined;

/** Validates one or more JUnit documents against our hand-written XSD in one xmllint run. */
export async function validateJunit(...docs: string[]): Promise<XMLValidationResult> {
  xsd ??= readFile(XSD_PATH, 'utf8');
  return validateXML({
    xml: docs.map((contents, i) => ({ fileName: `junit-${i}.xml`, contents })),
    schema: [{ fileName: 'junit.xsd', contents: await xsd }],
  });
}

export interface Tag {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** What a parser does to a raw attribute value (XML 1.0 §2.11, §3.3.3): CRLF → LF, then LF/tab → space. */
function normalizeAttr(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(/[\n\t]/g, ' ');
}

/**
 * Start tags of the given names with decoded attributes. Good enough for documents whose
 * attribute values escape `>` (ours do); the schema validation is what checks well-formedness.
 */
export function startTags(xml: string, name: string): Tag[] {
  const tags: Tag[] = [];
  for (const m of xml.matchAll(new RegExp(`<(${name})(\\s[^>]*)?/?>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1] ?? ''] = unescapeXml(normalizeAttr(a[2] ?? ''));
    tags.push({ name: m[1] ?? name, attrs });
  }
  return tags;
}

/** Text content of every `<name>…</name>`, decoded. */
export function texts(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => unescapeXml(m[1] ?? ''));
}
