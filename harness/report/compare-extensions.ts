import type { CheckResult, Grade, RunReport } from '../result.js';
import { extensionsFromEhlo, type ExtensionCell, type ExtensionRow } from './html-extensions.js';

/**
 * The extension support table of a compare: what each target advertises in its EHLO reply (the
 * classic "who supports 8BITMIME, SMTPUTF8, AUTH" lists), and, where the suite measures it, how
 * it behaves. Behaviour is derived from check ids (or catalog entries) and their grades by the
 * rules below, so a new measured behaviour is one line in BEHAVIOUR_RULES.
 */

export interface ComparisonExtensionRow extends ExtensionRow {
  /** `keyword`: an EHLO keyword (advertised or not, plus any behaviour); `behaviour`: measured only. */
  readonly kind: 'keyword' | 'behaviour';
}

/** The keywords every compare shows, advertised or not, in this order; others follow as seen. */
export const WELL_KNOWN_KEYWORDS = [
  '8BITMIME', 'SMTPUTF8', 'AUTH', 'PIPELINING', 'CHUNKING', 'BINARYMIME', 'STARTTLS', 'DSN', 'SIZE', 'ENHANCEDSTATUSCODES',
] as const;

interface Outcome {
  /** `any`: some matched check has one of these grades; `all`: every matched check has one. */
  readonly when: 'any' | 'all';
  readonly grades: readonly Grade[];
  /** Also required: this matches the check's actual outcome or reason (first match wins). */
  readonly seen?: RegExp;
  readonly text: string;
}

export interface BehaviourRule {
  /** The row: an EHLO keyword (the behaviour joins that keyword's cell) or a row of its own. */
  readonly row: string;
  /** What was measured, shown before the outcome in a keyword's cell: `to a 7-bit hop`. */
  readonly label?: string;
  /** Check ids, id prefixes at a `/` boundary, or catalog entries (for checks still being written). */
  readonly checks: readonly string[];
  /** Tried in order; the first that holds names the behaviour. None: the worst grade is shown. */
  readonly outcomes: readonly Outcome[];
}

const any = (grades: Grade | readonly Grade[], text: string, seen?: RegExp): Outcome => ({ when: 'any', grades: typeof grades === 'string' ? [grades] : grades, text, ...(seen ? { seen } : {}) });
const all = (grades: Grade | readonly Grade[], text: string): Outcome => ({ when: 'all', grades: typeof grades === 'string' ? [grades] : grades, text });
const BROKEN: readonly Grade[] = ['FAIL', 'NON-STRICT'];

/** Measured behaviour: one rule a line. The relay rules match nothing until the sink checks run. */
export const BEHAVIOUR_RULES: readonly BehaviourRule[] = [
  { row: 'bare-LF end of data', checks: ['smuggling/4.1.1.4/lf-dot-lf', 'smuggling/4.1.1.4/lf-dot-crlf', 'smuggling/4.1.1.4/crlf-dot-lf', 'smuggling/4.1.1.4/lf-dot-cr'], outcomes: [any(BROKEN, 'accepted'), all('PASS', 'refused')] },
  { row: 'bare-CR end of data', checks: ['smuggling/4.1.1.4/cr-dot-cr', 'smuggling/4.1.1.4/cr-dot-lf', 'smuggling/4.1.1.4/cr-dot-crlf', 'smuggling/4.1.1.4/crlf-dot-cr'], outcomes: [any(BROKEN, 'accepted'), all('PASS', 'refused')] },
  { row: '8BITMIME', label: 'to a 7-bit hop', checks: ['rfc6152/3/relay-to-7bit-hop'], outcomes: [any('PASS', 'bounces', /^bounced/), any('PASS', 'converts'), any('FAIL', 'passes 8-bit through', /above 127|BODY=8BITMIME/), any('FAIL', 'converts with loss'), any('INFO', 'no answer in time')] },
  { row: 'SMTPUTF8', label: 'to a non-SMTPUTF8 hop', checks: ['6531-3.2-no-silent-downgrade'], outcomes: [any('PASS', 'bounces', /bounce/i), any('PASS', 'refuses'), any(BROKEN, 'downgrades or passes it through'), any('INFO', 'no answer in time')] },
];

function matches(rule: BehaviourRule, r: CheckResult): boolean {
  return rule.checks.some((c) => r.id === c || r.id.startsWith(`${c}/`) || r.catalog.includes(c));
}

const SEVERITY: readonly Grade[] = ['ERROR', 'FAIL', 'NON-STRICT', 'INFO', 'SKIPPED', 'UNIMPLEMENTED', 'PASS'];
const worst = (grades: readonly Grade[]): Grade => SEVERITY.find((g) => grades.includes(g)) ?? 'PASS';

const labelled = (rule: BehaviourRule, text: string): string => (rule.label ? `${rule.label}: ${text}` : text);

/** The behaviour a rule gives for one target's results; undefined when none of its checks ran. */
export function applyRule(rule: BehaviourRule, results: readonly CheckResult[]): { behaviour: string; grade: Grade } | undefined {
  const hit = results.filter((r) => matches(rule, r));
  if (hit.length === 0) return undefined;
  const grade = worst(hit.map((r) => r.grade));
  for (const o of rule.outcomes) {
    const fits = (r: CheckResult) => o.grades.includes(r.grade) && (!o.seen || o.seen.test(`${r.actual}\n${r.reason}`));
    if (o.when === 'any' ? hit.some(fits) : hit.every(fits)) return { behaviour: labelled(rule, o.text), grade };
  }
  return { behaviour: labelled(rule, `not measured (${grade})`), grade };
}

/** The rows of the table, one cell per report in report order. */
export function buildExtensionRows(reports: readonly RunReport[], rules: readonly BehaviourRule[] = BEHAVIOUR_RULES): ComparisonExtensionRow[] {
  const advertised = new Map(extensionsFromEhlo(reports).rows.map((row) => [row.keyword, row.cells]));
  const notAdvertised = (): (ExtensionCell | undefined)[] => reports.map(() => ({ advertised: false }));
  const keywords = [...new Set<string>([...WELL_KNOWN_KEYWORDS, ...advertised.keys()])];
  const rows = new Map<string, { kind: ComparisonExtensionRow['kind']; cells: (ExtensionCell | undefined)[] }>(
    keywords.map((k) => [k, { kind: 'keyword', cells: [...(advertised.get(k) ?? notAdvertised())] }]),
  );
  for (const rule of rules) {
    const row = rows.get(rule.row.toUpperCase()) ?? rows.get(rule.row);
    const target = row ?? { kind: 'behaviour' as const, cells: reports.map(() => undefined) };
    let measured = false;
    reports.forEach((report, i) => {
      const found = applyRule(rule, report.results);
      if (!found) return;
      measured = true;
      const prev = target.cells[i];
      // A behaviour-only row has nothing to advertise; `advertised` is required by the HTML cell type.
      target.cells[i] = {
        advertised: prev?.advertised ?? true,
        ...(prev?.params ? { params: prev.params } : {}),
        behaviour: prev?.behaviour ? `${prev.behaviour}; ${found.behaviour}` : found.behaviour,
        grade: prev?.grade ? worst([prev.grade, found.grade]) : found.grade,
      };
    });
    if (!row && measured) rows.set(rule.row, target);
  }
  return [...rows].map(([keyword, { kind, cells }]) => ({ keyword, kind, cells }));
}
