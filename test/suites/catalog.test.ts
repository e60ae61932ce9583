import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../suites/catalog.js';
import { allChecks } from '../../suites/index.js';
import { notAutomated } from '../../suites/not-automated.js';

const catalogIds = new Set(catalog.map((e) => e.id));
const SHARED_CATALOG = new URL('../../../shared/spec/requirements.md', import.meta.url).pathname;

describe('checks and the requirements catalog', () => {
  it('check ids are unique and shaped <rfc>/<section>/<slug>', () => {
    const ids = allChecks.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+\/\d+(\.\d+)*\/[a-z0-9][a-z0-9-]*$/);
  });

  it('every check maps to catalog entries that exist, or says why it has none', () => {
    const bad = allChecks.flatMap((c) =>
      c.catalog.length === 0
        ? c.catalogNote ? [] : [`${c.id}: no catalog entry and no catalogNote`]
        : c.catalog.filter((e) => !catalogIds.has(e)).map((e) => `${c.id}: unknown catalog entry ${e}`),
    );
    expect(bad).toEqual([]);
  });

  it('every catalog entry is covered by a check or listed as not automated with a reason, never both', () => {
    const covered = new Set(allChecks.flatMap((c) => c.catalog));
    const listed = new Set(notAutomated.map((n) => n.catalog));
    expect(notAutomated.filter((n) => !catalogIds.has(n.catalog) || n.reason.trim().length < 10).map((n) => n.catalog)).toEqual([]);
    expect([...listed].filter((id) => covered.has(id))).toEqual([]);
    expect(catalog.filter((e) => !covered.has(e.id) && !listed.has(e.id)).map((e) => e.id)).toEqual([]);
  });

  // CI and developers have shared/ beside the repository; a package install does not.
  it.skipIf(!existsSync(SHARED_CATALOG))('suites/catalog.ts is generated from shared/spec/requirements.md', () => {
    const generated = execFileSync(process.execPath, [new URL('../../scripts/extract-catalog.mjs', import.meta.url).pathname, SHARED_CATALOG], { encoding: 'utf8' });
    expect(readFileSync(new URL('../../suites/catalog.ts', import.meta.url), 'utf8')).toBe(generated);
  });
});
