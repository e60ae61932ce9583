import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderHtml } from '../../../harness/report/html.js';
import { writeReports } from '../../../harness/report/write.js';
import { EVERY_GRADE_REPORT } from './fixtures.js';

describe('index.html as written by writeReports', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smtpspec-html-write-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('sits next to results.json, holds the one-run page, and its path is returned', async () => {
    const paths = await writeReports(EVERY_GRADE_REPORT, dir);
    expect(paths.html).toBe(join(dir, 'index.html'));
    expect(await readFile(paths.html, 'utf8')).toBe(renderHtml([EVERY_GRADE_REPORT]));
    expect(await readdir(dir)).toContain('results.json');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
