import { describe, expect, it } from 'vitest';
import { escapeForTerminal, stripNonXmlChars } from '../../../harness/report/chars.js';
import { escapeXmlAttr, escapeXmlText, xmlElement } from '../../../harness/report/xml.js';
import { unescapeXml } from './xml-check.js';

describe('XML escaping', () => {
  it('escapes the five predefined entities and CR in text', () => {
    expect(escapeXmlText(`<a href="x">&'b']]>\r\n`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;b&apos;]]&gt;&#13;\n');
  });

  it('keeps tab and newline in attributes as references, so they read back unchanged', () => {
    expect(escapeXmlAttr('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
    expect(unescapeXml(escapeXmlAttr('a\tb\nc\rd <&>'))).toBe('a\tb\nc\rd <&>');
  });

  it('removes what XML 1.0 forbids: C0 controls but tab/LF/CR, U+FFFE/FFFF, lone surrogates; keeps astral pairs', () => {
    const all = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('');
    expect(stripNonXmlChars(all)).toBe('\t\n\r');
    expect(stripNonXmlChars('a\ufffe\uffffb\ud800c\udc00d')).toBe('abcd');
    expect(stripNonXmlChars('😀 δ \u0085 \ufffd')).toBe('😀 δ \u0085 \ufffd');
  });

  it('writes empty elements self-closed and text elements escaped', () => {
    expect(xmlElement('skipped', { message: 'x"y', absent: undefined })).toBe('<skipped message="x&quot;y"/>');
    expect(xmlElement('system-out', {}, 'a < b')).toBe('<system-out>a &lt; b</system-out>');
  });
});

describe('terminal escaping', () => {
  it('shows controls, bidi overrides and lone surrogates as escapes and keeps newlines and text', () => {
    expect(escapeForTerminal('a\u001b[2Jb\tc\rd\ne\u202ef\ud800 δ')).toBe('a\\x1b[2Jb\\tc\\rd\ne\\u{202e}f\\u{d800} δ');
  });
});
