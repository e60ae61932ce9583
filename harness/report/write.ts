import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunReport } from '../result.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderTap } from './tap.js';

export interface ReportPaths {
  readonly json: string;
  readonly junit: string;
  readonly tap: string;
  readonly html: string;
}

/**
 * Write-then-rename in the same directory (rename is atomic within one file system), so a CI
 * step that uploads reports, or a watcher re-reading them, sees the old file or the new one and
 * never half of one. No fsync: surviving a power cut is not what these files are for.
 */
async function writeAtomic(path: string, dir: string, contents: string): Promise<void> {
  const tmp = join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, contents, 'utf8');
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function writeReports(report: RunReport, dir: string): Promise<ReportPaths> {
  await mkdir(dir, { recursive: true });
  const paths: ReportPaths = {
    json: join(dir, 'results.json'),
    junit: join(dir, 'junit.xml'),
    tap: join(dir, 'results.tap'),
    html: join(dir, 'index.html'),
  };
  // allSettled, not all: when one write fails the others still finish (or clean up) before we
  // return, so no temp file appears in the directory after the caller has seen the error.
  const settled = await Promise.allSettled([
    writeAtomic(paths.json, dir, renderJson(report)),
    writeAtomic(paths.junit, dir, renderJunit(report)),
    writeAtomic(paths.tap, dir, renderTap(report)),
    writeAtomic(paths.html, dir, renderHtml([report])),
  ]);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return paths;
}
