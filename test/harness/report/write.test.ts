import { renderHtml } from '../../../harness/report/html.js';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderJson } from '../../../harness/report/json.js';
import { renderJunit } from '../../../harness/report/junit.js';
import { renderTap } from '../../../harness/report/tap.js';
import { writeReports } from '../../../harness/report/write.js';
import { EVERY_GRADE_REPORT } from './fixtures.js';

describe('writeReports', () => {
  let base = '';
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'smtpspec-report-'));
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('creates the directory and writes results.json, junit.xml, results.tap and index.html, leaving no temp files', async () => {
    const dir = join(base, 'nested', 'reports');
    const paths = await writeReports(EVERY_GRADE_REPORT, dir);
    expect(paths).toEqual({ json: join(dir, 'results.json'), junit: join(dir, 'junit.xml'), tap: join(dir, 'results.tap'), html: join(dir, 'index.html') });
    expect(await readFile(paths.html, 'utf8')).toBe(renderHtml([EVERY_GRADE_REPORT]));
    expect(await readFile(paths.json, 'utf8')).toBe(renderJson(EVERY_GRADE_REPORT));
    expect(await readFile(paths.junit, 'utf8')).toBe(renderJunit(EVERY_GRADE_REPORT));
    expect(await readFile(paths.tap, 'utf8')).toBe(renderTap(EVERY_GRADE_REPORT));
    expect((await readdir(dir)).sort()).toEqual(['index.html', 'junit.xml', 'results.json', 'results.tap']);
  });

  it('replaces reports from an earlier run in an existing directory', async () => {
    await writeFile(join(base, 'junit.xml'), 'stale');
    const paths = await writeReports(EVERY_GRADE_REPORT, base);
    expect(await readFile(paths.junit, 'utf8')).toBe(renderJunit(EVERY_GRADE_REPORT));
  });

  it('rejects, and leaves no temp file, when a report path is taken by a directory', async () => {
    await writeReports(EVERY_GRADE_REPORT, base);
    await rm(join(base, 'results.tap'));
    await (await import('node:fs/promises')).mkdir(join(base, 'results.tap', 'child'), { recursive: true });
    await expect(writeReports(EVERY_GRADE_REPORT, base)).rejects.toThrow();
    expect((await readdir(base)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
