import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectChecks } from '../../../harness/filter.js';
import { summarize, type CheckResult, type RunReport } from '../../../harness/result.js';
import { extensionsFromEhlo, renderHtml } from '../../../harness/report/html.js';
import { mutants } from '../../../fixtures/reference/index.js';
import { allChecks } from '../../../suites/index.js';
import { runAgainstReference } from '../../support/reference-run.js';

/**
 * The HTML report in a real browser: Debian's chromium, driven by playwright-core, loading the
 * page from a file:// URL as a person opening a CI artifact would. Every request the browser makes
 * is recorded and any but the page's own is refused, so a stray fetch fails the test instead of
 * leaving the machine.
 */

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '../../..');
const SCREENSHOT = path.join(ROOT, 'test-artifacts/html-report.png');

// Flags that keep Chromium from phoning home (updates, metrics, sync, field trials) and make it
// runnable as root in a container.
const ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--metrics-recording-only', '--no-pings',
];

// The page's globals, as far as these tests touch them (the project's lib has no DOM types).
declare const window: { scrollTo(x: number, y: number): void; readonly scrollY: number; readonly __pwned?: number };

const HOSTILE = '<script>window.__pwned = 1; alert(1)</script>';

function runReport(name: string, results: CheckResult[], ehlo: readonly string[]): RunReport {
  return {
    tool: { name: 'smtpspec', version: '0.0.0-test' },
    target: { name, url: 'smtp://127.0.0.1:2525', greeting: '220 reference.test ESMTP', ehlo },
    startedAt: new Date().toISOString(),
    durationMs: results.reduce((n, r) => n + r.durationMs, 0),
    options: { strict: false },
    summary: summarize(results),
    results,
  };
}

/** A mutant that makes at least one check fail: the compare then has a disagreement to filter. */
function pickMutant(): string {
  const ids = new Set(allChecks.map((c) => c.id));
  const preferred = mutants.find((m) => m.name === 'rcpt-before-mail-accepted');
  const any = mutants.find((m) => m.kills.length > 0 && m.kills.every((id) => ids.has(id)));
  const m = preferred ?? any;
  if (!m) throw new Error('no mutant makes a check fail');
  return m.name;
}

describe.skipIf(!existsSync(CHROMIUM))(`the HTML report in headless Chromium (${CHROMIUM}; skipped when absent: apt-get install chromium)`, () => {
  let dir = '';
  let profile = '';
  let context: BrowserContext;
  const requests: string[] = [];
  const problems: string[] = [];
  const files: Record<'one' | 'two' | 'five' | 'hostile', { url: string; report: RunReport[]; bytes: number }> = {} as never;

  beforeAll(async () => {
    const checks = selectChecks(allChecks, { profiles: ['default'] });
    const mutant = pickMutant();
    const [ref, mut] = await Promise.all([runAgainstReference(checks), runAgainstReference(checks, { mutant })]);
    const ehlo = ['PIPELINING', '8BITMIME', 'SIZE 10485760', 'AUTH PLAIN LOGIN'];
    const one = runReport('reference', ref, ehlo);
    const two = [one, runReport(`reference (mutant ${mutant})`, mut, ehlo.slice(1))];
    const five = [...two, runReport('reference #2', ref, ehlo), runReport(`${mutant} #2`, mut, ehlo), runReport('reference #3', ref, [])];
    // Server text planted where a hostile server would put it: a reply (actual), the reason quoting it, the transcript.
    const evil = ref.map((r, i) =>
      i === 0 ? { ...r, grade: 'FAIL' as const, actual: `250 ${HOSTILE}`, reason: `got ${HOSTILE}`, transcript: `${r.transcript}\n<- 250 ${HOSTILE}\\r\\n` } : r,
    );
    const hostile = [runReport(`evil ${HOSTILE}`, evil, [`X-${HOSTILE}`])];

    dir = await mkdtemp(path.join(tmpdir(), 'smtpspec-html-'));
    profile = await mkdtemp(path.join(tmpdir(), 'smtpspec-chromium-'));
    for (const [key, reports] of Object.entries({ one: [one], two, five, hostile })) {
      const file = path.join(dir, `${key}.html`);
      const html = renderHtml(reports, reports.length > 1 ? { extensions: extensionsFromEhlo(reports) } : {});
      await writeFile(file, html);
      files[key as keyof typeof files] = { url: pathToFileURL(file).href, report: reports, bytes: Buffer.byteLength(html) };
    }

    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1400, height: 1000 } });
    const pages = new Set(Object.values(files).map((f) => f.url));
    context.on('request', (req) => requests.push(req.url()));
    await context.route('**/*', (route) => (pages.has(route.request().url()) ? route.continue() : route.abort()));
  }, 240_000); // two whole-suite runs side by side on a shared machine

  afterAll(async () => {
    await context?.close();
    await rm(dir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  });

  async function open(key: keyof typeof files): Promise<Page> {
    requests.length = 0;
    problems.length = 0;
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(files[key].url, { waitUntil: 'load' });
    return page;
  }

  const visibleRows = (page: Page): Promise<string[]> => page.$$eval('details.check:not([hidden])', (els) => els.map((e) => e.id));

  it('loads with no console error and no request but the page itself', async () => {
    for (const key of ['one', 'two', 'five'] as const) {
      const page = await open(key);
      await page.locator('details.check').first().locator('summary').click(); // the script colours the transcript
      await page.waitForTimeout(100);
      expect(problems, key).toEqual([]);
      expect(requests, key).toEqual([files[key].url]);
      await page.close();
    }
  });

  it('stays small: a five-target compare is a few MB, hardly more than the data it carries', () => {
    const { bytes, report } = files.five;
    const json = report.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0);
    console.log(`[html size] five-target compare of ${report[0]?.results.length} checks: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB; the five reports as JSON: ${json} bytes); one run: ${files.one.bytes} bytes`);
    // Most of the weight is transcripts (two recipient-limit checks send 1500 RCPTs each), which the
    // report must keep exact; the page itself may add little on top of them.
    expect(bytes).toBeLessThan(json * 1.25);
    expect(bytes).toBeLessThan(4 * 1024 * 1024);
  });

  it('has a row per check and a column per target', async () => {
    for (const key of ['one', 'two', 'five'] as const) {
      const page = await open(key);
      const reports = files[key].report;
      const ids = reports[0]?.results.map((r) => r.id) ?? [];
      expect((await page.$$eval('details.check', (els) => els.map((e) => e.id))).sort()).toEqual([...ids].sort());
      expect(await page.$$eval('.mhead .tcol', (els) => els.map((e) => e.textContent))).toEqual(reports.map((r) => r.target.name));
      const cellsPerRow = await page.$$eval('details.check > summary', (els) => [...new Set(els.map((s) => s.querySelectorAll('.cell').length))]);
      expect(cellsPerRow).toEqual([reports.length]);
      expect(await page.locator('#filters').isVisible()).toBe(true);
      await page.close();
    }
  });

  it('filters by grade: FAIL leaves only the rows with a failing target', async () => {
    const page = await open('two');
    const failing = (files.two.report[1]?.results ?? []).filter((r) => r.grade === 'FAIL').map((r) => r.id);
    expect(failing.length).toBeGreaterThan(0);
    await page.getByRole('checkbox', { name: /^FAIL/ }).check();
    expect((await visibleRows(page)).sort()).toEqual([...failing].sort());
    expect(await page.locator('output[name=shown]').textContent()).toBe(`${failing.length} of ${files.two.report[0]?.results.length} checks`);
    // Sections without a visible row fold away.
    expect(await page.locator('section.sec:not([hidden])').count()).toBeLessThanOrEqual(failing.length);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => visibleRows(page).then((r) => r.length)).toBe(files.two.report[0]?.results.length);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters by disagreement, RFC and level', async () => {
    const page = await open('two');
    const [a, b] = files.two.report;
    const gradeIn = new Map(b?.results.map((r) => [r.id, r.grade]));
    const differ = (a?.results ?? []).filter((r) => gradeIn.get(r.id) !== r.grade).map((r) => r.id);
    expect(differ.length).toBeGreaterThan(0);
    await page.getByRole('checkbox', { name: /only disagreements/ }).check();
    const shown = await visibleRows(page);
    expect(shown.sort()).toEqual([...differ].sort());
    for (const id of shown) {
      const grades = await page.locator(`[id="${id}"] > summary .cell`).allTextContents();
      expect(new Set(grades.map((g) => g.replace(/\d.*$/, ''))).size, id).toBe(2);
    }
    await page.getByRole('checkbox', { name: /only disagreements/ }).uncheck();

    await page.selectOption('select[name=rfc]', 'rfc6152');
    const rfc6152 = (a?.results ?? []).filter((r) => r.rfc === 'rfc6152').map((r) => r.id);
    expect((await visibleRows(page)).sort()).toEqual([...rfc6152].sort());
    await page.selectOption('select[name=rfc]', '');
    await page.selectOption('select[name=level]', 'SHOULD');
    expect((await visibleRows(page)).sort()).toEqual((a?.results ?? []).filter((r) => r.level === 'SHOULD').map((r) => r.id).sort());
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a check from the keyboard and shows its requirement, results and coloured transcript', async () => {
    const page = await open('two');
    const failing = (files.two.report[1]?.results ?? []).find((r) => r.grade === 'FAIL');
    const row = page.locator(`[id="${failing?.id}"]`);
    await row.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await row.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    await expect.poll(() => row.locator('pre.transcript span.ts').count()).toBeGreaterThan(0);
    expect(await row.locator('.req').textContent()).toContain(failing?.requirement ?? '?');
    expect(await row.locator('.res').count()).toBe(2);
    expect(await row.locator('.res.b-fail .reason').textContent()).toBe(failing?.reason);

    await row.evaluate((d) => window.scrollTo(0, d.getBoundingClientRect().top + window.scrollY - 120));
    expect((await page.locator('.mhead').boundingBox())?.y).toBe(0); // sticky: still on top after scrolling

    // The screenshot a person looks at: header, tally, legend, filters, and the disagreeing check open.
    await page.getByRole('checkbox', { name: /only disagreements/ }).check();
    await page.setViewportSize({ width: 1400, height: 1500 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens the check named in the URL fragment', async () => {
    const page = await open('one');
    const id = files.one.report[0]?.results.at(-1)?.id ?? '';
    await page.goto(`${files.one.url}#${id}`);
    await expect.poll(() => page.locator(`[id="${id}"]`).evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    await page.close();
  });

  it('shows hostile server text as text: no script of its own runs', async () => {
    const page = await open('hostile');
    const first = page.locator('details.check').first();
    await first.locator('summary').click();
    await expect.poll(() => first.locator('pre.transcript span.tr').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(1);
    expect(await first.locator('.reason').textContent()).toBe(`got ${HOSTILE}`);
    expect(await first.locator('pre.transcript').textContent()).toContain(`<- 250 ${HOSTILE}\\r\\n`);
    expect(await page.locator('.mhead .tcol').textContent()).toBe(`evil ${HOSTILE}`);
    expect(await page.title()).toBe(`smtpspec: evil ${HOSTILE}`);
    expect(problems).toEqual([]);
    expect(requests).toEqual([files.hostile.url]);
    await page.close();
  });
});
