import type { Check, Level } from './check.js';

/**
 * Does `prefix` select `id`, respecting section boundaries? `rfc5321/4.1` selects
 * `rfc5321/4.1/x` and `rfc5321/4.1.4/x` but not `rfc5321/4.10/x` (autobahn-python #71 excluded
 * 2.10 when asked to exclude 2.1).
 */
export function idMatches(id: string, prefix: string): boolean {
  const want = prefix.replace(/\/+$/, '').split('/');
  const have = id.split('/');
  if (want.length > have.length) return false;
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w === h) continue;
    // Only the section segment (the second) may match a longer section at a dot boundary.
    if (i === 1 && i === want.length - 1 && h.startsWith(w + '.')) continue;
    return false;
  }
  return true;
}

export type LevelFilter = 'must' | 'should' | 'may';

const LEVELS_AT: Record<LevelFilter, readonly Level[]> = {
  must: ['MUST', 'MUST NOT'],
  should: ['MUST', 'MUST NOT', 'SHOULD', 'SHOULD NOT'],
  may: ['MUST', 'MUST NOT', 'SHOULD', 'SHOULD NOT', 'MAY', 'INFO'],
};

export interface CheckFilter {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  /** The lowest requirement level to run: `must` runs MUST/MUST NOT only, `may` runs everything. */
  readonly level?: LevelFilter;
  /** Profiles to run; default only `default`. */
  readonly profiles?: readonly string[];
}

export function selectChecks(checks: readonly Check[], filter: CheckFilter): Check[] {
  const profiles = filter.profiles ?? ['default'];
  return checks.filter((c) => {
    if (filter.include?.length && !filter.include.some((p) => idMatches(c.id, p))) return false;
    if (filter.exclude?.some((p) => idMatches(c.id, p))) return false;
    if (filter.level && !LEVELS_AT[filter.level].includes(c.level)) return false;
    return profiles.includes(c.profile ?? 'default');
  });
}
