import fc from 'fast-check';
import type { CheckContext } from '../check.js';
import type { Session } from '../session/session.js';
import { ConnectionPool } from './connections.js';
import { DialogLog } from './log.js';
import type { Connector } from './real.js';

// Runs one property with fast-check against the target: seeded by the check's seed (so that
// --seed replays the run), `ctx.runs` runs or the property's default, shrinking bounded in time,
// and the shrunk counterexample replayed once through ctx.connect so that the check's transcript
// is exactly the failing dialog.

/** What one run gets: a connector (connections are closed after the run) and the run's dialog log. */
export interface RunEnv {
  readonly connect: Connector;
  readonly log: DialogLog;
  /** Commands that got a reply, for the report (a run that got none has shown nothing). */
  commands: number;
  /** Commands that got no reply within --timeout (the model stopped predicting on that connection). */
  silences: number;
}

export interface Property<T> {
  readonly arbitrary: fc.Arbitrary<T>;
  /** One run; throws when the property does not hold for `value`. */
  readonly run: (value: T, env: RunEnv) => Promise<void>;
}

export interface PropertyOptions {
  /** Runs without --runs: chosen so that all property checks together take a few seconds. */
  readonly defaultRuns: number;
  /** Time for shrinking after the first failure; later candidates count as passing. */
  readonly shrinkBudgetMs?: number;
}

export interface Counterexample {
  /** The shrunk input as fast-check prints it (for model runs: the commands that ran). */
  readonly value: string;
  readonly error: string;
  /** The dialog of the shrunk run. */
  readonly transcript: string;
  /** Whether replaying the shrunk input failed again (false: the target is not deterministic). */
  readonly reproduced: boolean;
}

export interface PropertyReport {
  readonly seed: number;
  readonly runs: number;
  /** Runs made before the verdict (all of them, or up to the first failure). */
  readonly executed: number;
  readonly shrinks: number;
  readonly connections: number;
  readonly commands: number;
  /** Commands that got no reply within --timeout: nothing could be judged after them. */
  readonly silences: number;
  readonly elapsedMs: number;
  readonly counterexample: Counterexample | undefined;
  /** The runner gave up on the check (timeout) while it ran. */
  readonly abandoned: boolean;
  /** The default time budget ended the runs before `runs`. */
  readonly interrupted: boolean;
}

const DEFAULT_SHRINK_BUDGET_MS = 6_000;
/**
 * Without --runs, a property also stops after this long (a slow target must not run into the
 * default 60 s --check-timeout); --runs asks for exactly that many runs, however long they take.
 */
const DEFAULT_TIME_BUDGET_MS = 40_000;

export async function checkProperty<T>(s: Session, ctx: CheckContext, prop: Property<T>, opts: PropertyOptions): Promise<PropertyReport> {
  const started = Date.now();
  const runs = ctx.runs ?? opts.defaultRuns;
  const shrinkBudget = opts.shrinkBudgetMs ?? DEFAULT_SHRINK_BUDGET_MS;
  const pool = new ConnectionPool(s, ctx);
  let commands = 0;
  let silences = 0;
  let firstFailureAt: number | undefined;
  let lastFailure: { transcript: string; error: string } | undefined;

  const predicate = async (value: T): Promise<void> => {
    if (pool.abandoned) return;
    if (firstFailureAt !== undefined && Date.now() - firstFailureAt > shrinkBudget) return;
    const env: RunEnv = { connect: pool.connect, log: new DialogLog(), commands: 0, silences: 0 };
    try {
      await prop.run(value, env);
    } catch (err) {
      firstFailureAt ??= Date.now();
      lastFailure = { transcript: env.log.render(), error: messageOf(err) };
      throw err;
    } finally {
      commands += env.commands;
      silences += env.silences;
      await pool.closeAll();
    }
  };
  const budget = ctx.runs === undefined ? { interruptAfterTimeLimit: DEFAULT_TIME_BUDGET_MS } : {};
  const details = await fc.check(fc.asyncProperty(prop.arbitrary, predicate), { seed: ctx.seed | 0, numRuns: runs, ...budget });

  let counterexample: Counterexample | undefined;
  if (details.failed && details.counterexample && !pool.abandoned) {
    const [value] = details.counterexample;
    const shown = fc.stringify(value);
    const env: RunEnv = { connect: ctx.connect, log: new DialogLog(), commands: 0, silences: 0 };
    try {
      await prop.run(value, env);
      counterexample = { value: shown, error: lastFailure?.error ?? messageOf(details.errorInstance), transcript: lastFailure?.transcript ?? '', reproduced: false };
    } catch (err) {
      counterexample = { value: shown, error: messageOf(err), transcript: env.log.render(), reproduced: true };
    }
  }
  const report: PropertyReport = {
    seed: ctx.seed,
    runs,
    executed: details.numRuns,
    shrinks: details.numShrinks,
    connections: pool.opened,
    commands,
    silences,
    elapsedMs: Date.now() - started,
    counterexample,
    abandoned: pool.abandoned,
    interrupted: details.interrupted && !details.failed,
  };
  s.transcript.event(`property: ${describeRuns(report)}; the exploration's connections are not recorded` + (counterexample ? ', the replay of the shrunk counterexample follows' : ''));
  return report;
}

/** "seed 12345 (…), 40 runs (812 commands answered on 52 connections, 1830 ms)". */
export function describeRuns(r: PropertyReport): string {
  const runs = r.counterexample
    ? `failed at run ${r.executed} of ${r.runs}, shrunk in ${r.shrinks} steps`
    : `${r.executed} runs` + (r.interrupted ? ` (of ${r.runs}: the default time budget of ${DEFAULT_TIME_BUDGET_MS / 1000} s ran out; --runs asks for all)` : '');
  return `seed ${r.seed} (this check's, from the run's --seed), ${runs} (${r.commands} commands answered on ${r.connections} connections, ${r.elapsedMs} ms)`;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
