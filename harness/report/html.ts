import { createHash } from 'node:crypto';
import type { RunReport } from '../result.js';
import { el } from './html-escape.js';
import { renderExtensions, type ExtensionTable } from './html-extensions.js';
import { renderHeader, renderLegend, renderSummary } from './html-header.js';
import { renderMatrix } from './html-matrix.js';
import { buildMatrix } from './html-model.js';
import { HTML_SCRIPT } from './html-script.js';
import { htmlStyle } from './html-style.js';

export type { ExtensionCell, ExtensionRow, ExtensionTable } from './html-extensions.js';
export { extensionsFromEhlo } from './html-extensions.js';

/**
 * index.html: Autobahn's matrix (anchors §2.2) as one self-contained static file, for one run or
 * a compare of several targets. It is opened from disk or a CI artifact store, often long after
 * the run, so it makes no request of any kind: styles and the script are inline, and a CSP pins
 * them by hash, so even markup that slipped past escaping could neither run a script nor load
 * anything.
 */

export interface HtmlOptions {
  /** Defaults to `smtpspec: <target>` for a run, `smtpspec compare: <a>, <b>, …` for several. */
  readonly title?: string;
  /** The extension support table of a compare, one cell per report in report order. */
  readonly extensions?: ExtensionTable;
}

const sha256 = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** `default-src 'none'` covers fetches, frames, fonts and images; base and form targets are not fetches. */
function contentSecurityPolicy(style: string, script: string): string {
  return `default-src 'none'; style-src ${sha256(style)}; script-src ${sha256(script)}; base-uri 'none'; form-action 'none'`;
}

function defaultTitle(reports: readonly RunReport[]): string {
  return reports.length === 1
    ? `smtpspec: ${reports[0]?.target.name ?? ''}`
    : `smtpspec compare: ${reports.map((r) => r.target.name).join(', ')}`;
}

export function renderHtml(reports: readonly RunReport[], opts: HtmlOptions = {}): string {
  if (reports.length === 0) throw new RangeError('renderHtml needs at least one report');
  const m = buildMatrix(reports);
  const title = opts.title ?? defaultTitle(reports);
  const style = htmlStyle(reports.length);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(style, HTML_SCRIPT)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="generator" content="smtpspec">',
    el('title', {}, title),
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    renderHeader(title, m, opts.extensions !== undefined && opts.extensions.rows.length > 0),
    '<main>',
    renderSummary(m),
    renderLegend(),
    renderMatrix(m),
    // After the matrix: the tally and the matrix are what a reader comes for first.
    opts.extensions ? renderExtensions(opts.extensions, reports) : '',
    '</main>',
    `<script>${HTML_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
