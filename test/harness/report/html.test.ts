import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarize, type CheckResult, type RunReport } from '../../../harness/result.js';
import { foldRepeats } from '../../../harness/report/html-details.js';
import { attrs, text } from '../../../harness/report/html-escape.js';
import { buildMatrix, formatDuration, formatTime, rfcLabel, slugOf } from '../../../harness/report/html-model.js';
import { HTML_SCRIPT } from '../../../harness/report/html-script.js';
import { extensionsFromEhlo, renderHtml } from '../../../harness/report/html.js';
import { anyReport, propertySeed } from './arbitraries.js';
import { EVERY_GRADE, EVERY_GRADE_REPORT, report, result } from './fixtures.js';

/** Every element the renderer writes. Untrusted `<` is always `&lt;`, so any other tag name is an injection. */
const OWN_TAGS = new Set([
  '!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'h4', 'p', 'span', 'nav', 'a', 'main',
  'section', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'details', 'summary', 'dl', 'dt', 'dd', 'form', 'label',
  'select', 'option', 'fieldset', 'legend', 'input', 'button', 'output', 'small', 'ul', 'li', 'pre', 'b', 'br', 'script',
]);

function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([!a-zA-Z][^\s/>]*)/g)].map((m) => (m[1] ?? '').toLowerCase());
}

/** Attribute names in every start tag; none may be an event handler or come from data. */
function attrNamesOf(html: string): string[] {
  const names: string[] = [];
  for (const tag of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
    // Drop quoted values first so their (escaped) contents are not mistaken for names.
    const bare = tag[0].replace(/"[^"]*"/g, '""').replace(/^<\S+/, '');
    for (const m of bare.matchAll(/([^\s=>]+)(?==|\s|>|$)/g)) if (m[1] !== '""') names.push(m[1] ?? '');
  }
  return names;
}

const between = (html: string, open: string, close: string): string => {
  const i = html.indexOf(open);
  return i < 0 ? '' : html.slice(i + open.length, html.indexOf(close, i));
};

const rowsOf = (html: string): string[] => [...html.matchAll(/<details class="check" id="([^"]+)"/g)].map((m) => m[1] ?? '');

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';

describe('escaping', () => {
  it('escapes markup, quotes and ampersands, and shows controls and bidi overrides as escapes', () => {
    expect(text('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    expect(text('a\u0000b\u001b[31m\u202Eevil')).toBe('a\\x00b\\x1b[31m\\u{202e}evil');
    expect(text('one\ntwo')).toBe('one\ntwo');
    expect(attrs({ title: 'a\nb"<', hidden: true, open: false, gone: undefined, n: 3 })).toBe(' title="a b&quot;&lt;" hidden n="3"');
  });

  it('renders hostile text from a server everywhere as text: no tag, attribute or script of its own', () => {
    const evil = report(
      [
        result({ id: 'rfc5321/4.1.4/evil', grade: 'FAIL', title: HOSTILE, requirement: HOSTILE, reason: HOSTILE, actual: HOSTILE, expected: [HOSTILE], transcript: `<- 220 ${HOSTILE}\n`, catalog: [HOSTILE] }),
        result({ id: `rfc5321/${HOSTILE}/x`, rfc: 'rfc5321', section: HOSTILE, grade: 'PASS' }),
      ],
      { target: { name: HOSTILE, url: HOSTILE, greeting: HOSTILE, ehlo: [HOSTILE] }, tool: { name: 'smtpspec', version: HOSTILE }, options: { [HOSTILE]: HOSTILE } },
    );
    const html = renderHtml([evil, evil], { title: HOSTILE, extensions: { rows: [{ keyword: HOSTILE, cells: [{ advertised: true, params: HOSTILE, behaviour: HOSTILE }] }] } });
    expect(tagsOf(html).filter((t) => !OWN_TAGS.has(t))).toEqual([]);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(attrNamesOf(html).filter((n) => /^on/i.test(n))).toEqual([]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps any report, whatever its strings, free of foreign tags and handlers', () => {
    fc.assert(
      fc.property(fc.array(anyReport, { minLength: 1, maxLength: 3 }), (reports) => {
        const html = renderHtml(reports, { extensions: extensionsFromEhlo(reports) });
        expect(tagsOf(html).filter((t) => !OWN_TAGS.has(t))).toEqual([]);
        expect(html.match(/<script/g)).toHaveLength(1);
        expect(attrNamesOf(html).filter((n) => /^on/i.test(n))).toEqual([]);
        // Lone surrogates would become U+FFFD in UTF-8 silently; the page shows them as escapes.
        expect(/\p{Surrogate}/u.test(html)).toBe(false);
      }),
      { seed: propertySeed('html escaping'), numRuns: 150 },
    );
  });
});

describe('a self-contained page', () => {
  const html = renderHtml([EVERY_GRADE_REPORT]);

  it('pins its one style and one script by hash in a CSP that allows nothing else', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    const hash = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
    expect(csp).toBe(
      `default-src 'none'; style-src ${hash(between(html, '<style>', '</style>'))}; script-src ${hash(between(html, '<script>', '</script>'))}; base-uri 'none'; form-action 'none'`,
    );
    expect(between(html, '<script>', '</script>')).toBe(HTML_SCRIPT);
  });

  it('refers to nothing outside itself: no src, no link, every href a fragment', () => {
    expect(html).not.toMatch(/\ssrc=|<link|@import|url\(/i);
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.filter((h) => !h.startsWith('#'))).toEqual([]);
  });

  it('ships a script that parses', () => {
    expect(() => new Function(HTML_SCRIPT)).not.toThrow();
  });

  it('refuses to render nothing', () => {
    expect(() => renderHtml([])).toThrow(RangeError);
  });
});

describe('the matrix', () => {
  it('has a row per check, grouped by RFC then section in run order, each with its grade cell', () => {
    const html = renderHtml([EVERY_GRADE_REPORT]);
    // The fixture lists rfc6152/3/body-8bit between two rfc5321 checks: grouping moves it after them.
    const grouped = [...EVERY_GRADE.filter((r) => r.rfc === 'rfc5321'), ...EVERY_GRADE.filter((r) => r.rfc !== 'rfc5321')];
    expect(rowsOf(html)).toEqual(grouped.map((r) => r.id));
    const rfcs = [...html.matchAll(/<h2 class="rfc-h">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(rfcs).toEqual(['RFC 5321', 'RFC 6152', 'smuggling']);
    const sections = [...html.matchAll(/<h3 class="sec-h">[^<]*<b>([^<]+)<\/b>/g)].map((m) => m[1]);
    expect(sections).toEqual(['§4.1.4', '§4.5.2', '§4.5.3', '§3', 'bare-lf']);
    for (const r of EVERY_GRADE) {
      const row = between(html, `<details class="check" id="${r.id}"`, '</summary>');
      expect(row).toContain(`data-grades="${r.grade}"`);
      expect(row).toContain(`<span class="cell g-${r.grade.toLowerCase()}"`);
    }
  });

  it('tallies each target from its results, and counts the rows each grade filter would show', () => {
    const html = renderHtml([EVERY_GRADE_REPORT]);
    const tally = between(html, '<table class="grid tally">', '</table>');
    const counts = [...between(tally, '<tbody>', '</tbody>').matchAll(/<td class="n[^"]*"[^>]*>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(counts).toEqual([1, 1, 2, 1, 1, 1, 1, 8]); // PASS … ERROR, then the total
    const chip = (g: string): number => Number(new RegExp(`value="${g}"> ${g} <span class="n">(\\d+)`).exec(html)?.[1]);
    expect([chip('PASS'), chip('FAIL'), chip('ERROR')]).toEqual([1, 2, 1]);
    expect(html).not.toContain('name="dis"'); // one target: nothing to disagree about
  });

  it('compares several targets: a column each, the union of checks, disagreements marked, missing cells shown', () => {
    const a = report([result({ id: 'rfc5321/4.1.4/a', grade: 'PASS' }), result({ id: 'rfc5321/4.1.4/b', grade: 'PASS' })], { target: { name: 'alpha', url: 'smtp://a', greeting: '', ehlo: ['SIZE 100'] } });
    const b = report([result({ id: 'rfc5321/4.1.4/a', grade: 'PASS' }), result({ id: 'rfc5321/4.1.4/b', grade: 'FAIL' }), result({ id: 'rfc6152/3/c', rfc: 'rfc6152', section: '3', grade: 'INFO' })], {
      target: { name: 'beta', url: 'smtp://b', greeting: '', ehlo: ['8BITMIME'] },
    });
    const m = buildMatrix([a, b]);
    expect(m.rows.map((r) => [r.id, r.disagreement])).toEqual([
      ['rfc5321/4.1.4/a', false],
      ['rfc5321/4.1.4/b', true],
      ['rfc6152/3/c', true],
    ]);
    expect(m.tallies.map((t) => t.total)).toEqual([2, 3]);

    const html = renderHtml([a, b]);
    expect([...html.matchAll(/<span class="tcol" data-target="(\d)"[^>]*>([^<]*)</g)].map((x) => x[2])).toEqual(['alpha', 'beta']);
    expect(html).toContain('only disagreements <span class="n">2</span>');
    expect(between(html, 'id="rfc6152/3/c"', '</summary>')).toContain('data-grades="none INFO" data-dis');
    expect(between(html, 'id="rfc6152/3/c"', '</summary>')).toContain('<span class="cell g-none" title="alpha: not run">not run</span>');
    expect(html).toMatch(/<title>smtpspec compare: alpha, beta<\/title>/);
  });

  it('keeps a check\'s text once, however many targets ran it', () => {
    const requirement = 'The server MUST do the thing described at length in this one requirement';
    const results = [result({ id: 'rfc5321/4.1.4/a', grade: 'PASS', requirement })];
    const html = renderHtml([1, 2, 3, 4, 5].map((i) => report(results, { target: { name: `t${i}`, url: '', greeting: '', ehlo: [] } })));
    expect(html.split(requirement)).toHaveLength(2);
  });

  it('renders an extension table only when given one', () => {
    const a = report([], { target: { name: 'alpha', url: '', greeting: '', ehlo: ['SIZE 100', 'AUTH PLAIN LOGIN', 'PIPELINING'] } });
    const b = report([], { target: { name: 'beta', url: '', greeting: '', ehlo: ['pipelining', 'SMTPUTF8'] } });
    expect(renderHtml([a, b])).not.toContain('id="extensions"');
    const table = extensionsFromEhlo([a, b]);
    expect(table.rows.map((r) => r.keyword)).toEqual(['SIZE', 'AUTH', 'PIPELINING', 'SMTPUTF8']);
    expect(table.rows[1]?.cells).toEqual([{ advertised: true, params: 'PLAIN LOGIN' }, { advertised: false }]);
    const html = renderHtml([a, b], { extensions: { rows: [...table.rows, { keyword: 'CHUNKING', cells: [{ advertised: true, behaviour: 'BDAT LAST honoured', grade: 'FAIL' }] }] } });
    const ext = between(html, '<section id="extensions"', '</section>');
    expect(ext).toContain('<th scope="row">SMTPUTF8</th><td class="ext ext-no"><b>✘</b> not advertised</td><td class="ext ext-yes"><b>✔</b></td>');
    expect(ext).toContain('<span class="beh">BDAT LAST honoured</span>');
    expect(ext).toContain('<td class="ext g-none">?</td>'); // beta: nothing known about CHUNKING
    expect(html).toContain('<a href="#extensions">Extensions</a>');
  });

  it('shows per check its requirement, level, catalog ids, expected vs actual, reason, duration and transcript', () => {
    const html = renderHtml([EVERY_GRADE_REPORT]);
    const fail = between(html, 'id="rfc5321/4.1.4/data-before-rcpt"', '</details>');
    expect(fail).toContain('<span class="lvl lvl-must">MUST</span> The server MUST refuse it, normally with 503');
    expect(fail).toContain('<code>R-5321-4.1.4-a</code>');
    expect(fail).toContain('<li><code>503</code></li><li><code>550 or &lt;&amp;&quot;&#39;&gt; \\x00');
    expect(fail).toContain('<dt>Actual</dt><dd><code class="actual">354 go ahead ]]&gt;');
    expect(fail).toContain('<dt>Reason</dt><dd><span class="reason">Accepted DATA');
    expect(fail).toContain('<span class="ms">12 ms</span>');
    expect(fail).toContain('<pre class="transcript">-&gt; EHLO client.test\\r\\n\n&lt;- 250 mx.test\\r\\n</pre>');
    const skipped = between(html, 'id="rfc5321/4.5.3/sink-roundtrip"', '</details>');
    expect(skipped).toContain('No transcript: the check opened no connection.');
    expect(skipped).toContain('<dt>Needs</dt><dd><code>sink</code></dd>');
  });
});

describe('helpers', () => {
  it('formats durations, times, RFC labels and slugs', () => {
    expect([formatDuration(4), formatDuration(1234), formatDuration(125_000), formatDuration(Number.NaN), formatDuration(-1)]).toEqual(['4 ms', '1.2 s', '2 min 5 s', '0 ms', '0 ms']);
    expect(formatTime('2025-03-01T10:20:30.456Z')).toBe('2025-03-01 10:20:30 UTC');
    expect(formatTime('yesterday')).toBe('yesterday');
    expect([rfcLabel('rfc5321'), rfcLabel('smuggling')]).toEqual(['RFC 5321', 'smuggling']);
    expect(slugOf({ id: 'rfc5321/4.1.4/rcpt-before-mail', rfc: 'rfc5321', section: '4.1.4' })).toBe('rcpt-before-mail');
    expect(slugOf({ id: 'odd', rfc: 'rfc5321', section: '4.1.4' })).toBe('odd');
  });

  it('folds long runs of identical transcript lines, keeping the first two and the count', () => {
    const rcpt = '-> RCPT TO:<a@b>\\r\\n';
    const ok = '<- 250 ok\\r\\n';
    expect(foldRepeats(['** connected', ...Array<string>(100).fill(rcpt), ...Array<string>(3).fill(ok), rcpt])).toEqual([
      '** connected', rcpt, rcpt, '⋯ 98 more of the same line', ok, ok, ok, rcpt,
    ]);
    const html = renderHtml([report([result({ id: 'rfc5321/4.1.4/a', grade: 'PASS', transcript: Array<string>(50).fill(rcpt).join('\n') })])]);
    expect(between(html, '<pre class="transcript">', '</pre>')).toBe(`${text(rcpt)}\n${text(rcpt)}\n⋯ 48 more of the same line`);
  });

  it('writes a tally that agrees with the results even when the stored summary does not', () => {
    const results: CheckResult[] = [result({ id: 'rfc5321/4.1.4/a', grade: 'FAIL' })];
    const stale: RunReport = report(results, { summary: { ...summarize([]), pass: 9, total: 9 } });
    expect(buildMatrix([stale]).tallies[0]).toEqual(summarize(results));
  });
});
