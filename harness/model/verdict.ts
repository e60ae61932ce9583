import { inconclusive, nonStrict, pass, violation, type Verdict } from '../verdict.js';
import { describeRuns, type PropertyReport } from './property.js';

/**
 * The verdict of a property check. Seed and runs go into `actual`, so that every report shows
 * how to replay the run (`--seed`, `--runs`); a counterexample puts its shrunk dialog in `reason`.
 */
export function propertyVerdict(report: PropertyReport, expected: readonly string[], softFindings: readonly string[] = []): Verdict {
  const runs = describeRuns(report);
  if (report.abandoned) return inconclusive(expected, runs, 'the check was stopped before the property finished (see --check-timeout)');
  const ce = report.counterexample;
  if (ce) {
    const replay = ce.reproduced ? 'shrunk counterexample (replayed: the transcript shows it)' : 'shrunk counterexample (its replay did not fail again: the target is not deterministic; this is the last failing run)';
    return violation(expected, `${runs}: ${ce.error}`, `${ce.error}\n${replay}: ${ce.value}\n${ce.transcript}`);
  }
  // A property that never got an answer to compare has shown nothing (a server that hangs up).
  if (report.commands === 0) return inconclusive(expected, runs, 'no command got a reply: nothing was compared');
  if (report.silences > 0) {
    return inconclusive(expected, `${runs}; ${report.silences} commands got no reply within --timeout`, 'no counterexample, but some commands were not answered in time (a slow or tarpitting server): rerun with a longer --timeout');
  }
  if (softFindings.length > 0) return nonStrict(expected, `${runs}: ${softFindings.length} replies break a SHOULD`, unique(softFindings).slice(0, 5).join('; '));
  return pass(expected, `${runs}: no counterexample`);
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
