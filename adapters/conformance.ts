import type { Check } from '../harness/check.js';
import { selectChecks, type LevelFilter } from '../harness/filter.js';
import { summarize, type RunReport } from '../harness/result.js';
import { runChecks } from '../harness/runner.js';
import type { Credentials } from '../harness/session/sasl.js';
import { parseTargetUrl, plainEndpoint, type Endpoint } from '../harness/target.js';
import { VERSION } from '../harness/version.js';
import { isMutantName, mutants } from '../fixtures/reference/mutants.js';
import { startReferenceServer } from '../fixtures/reference/server.js';
import { allChecks } from '../suites/index.js';

/**
 * The programmatic entry point (`import { runConformance } from 'smtpspec'`): a composition root
 * like cli/, for code that wants results rather than a process exit code. The vitest adapter is
 * built on it.
 */

/** A server the caller started: where it listens, and how to stop it. */
export interface StartedTarget {
  /** `smtp://host:port` or `smtps://host:port`. */
  readonly url: string;
  /** Shown in reports instead of host:port. */
  readonly name?: string;
  /** A mailbox the server accepts mail for. */
  readonly rcpt?: string;
  /** Credentials for the AUTH checks (without them those are SKIPPED). */
  readonly credentials?: Credentials;
  /** Called after the run. */
  readonly close?: () => void | Promise<void>;
}

/**
 * `'reference'` (the embedded reference server, or `mutant` of it), an `smtp://` / `smtps://`
 * URL, or a function that starts the server under test and says where it listens.
 */
export type ConformanceTarget = string | (() => StartedTarget | Promise<StartedTarget>);

export interface ConformanceOptions {
  readonly target: ConformanceTarget;
  /** With `target: 'reference'`: a mutant's name (see `smtpspec mutants`). */
  readonly mutant?: string;
  /** Check-id prefixes, at section boundaries (`rfc5321/4.1` does not select `rfc5321/4.10/…`). */
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  /** The lowest requirement level to run; default `may` (everything). */
  readonly level?: LevelFilter;
  /** Default `['default']`; `slow` checks wait minutes. */
  readonly profiles?: readonly ('default' | 'slow')[];
  /** NON-STRICT becomes FAIL. */
  readonly strict?: boolean;
  readonly starttls?: boolean;
  readonly verifyCertificates?: boolean;
  readonly credentials?: Credentials;
  readonly heloName?: string;
  readonly sender?: string;
  readonly rcpt?: string;
  readonly concurrency?: number;
  /** Longest wait for one reply (default 10000). */
  readonly timeoutMs?: number;
  /** Longest a whole check may take (default 60000). */
  readonly checkTimeoutMs?: number;
  readonly seed?: number;
}

export const DEFAULTS = { concurrency: 8, timeoutMs: 10_000, checkTimeoutMs: 60_000, heloName: 'client.test', sender: 'sender@client.test' } as const;

/** The checks the options select, synchronously (a test runner registers them before running). */
export function selectConformanceChecks(opts: Pick<ConformanceOptions, 'include' | 'exclude' | 'level' | 'profiles'>): Check[] {
  return selectChecks(allChecks, { include: opts.include ?? [], exclude: opts.exclude ?? [], level: opts.level, profiles: opts.profiles ?? ['default'] });
}

async function startTarget(opts: ConformanceOptions): Promise<StartedTarget & { endpoint: Endpoint }> {
  const { target } = opts;
  if (opts.mutant !== undefined && target !== 'reference') throw new Error('smtpspec: "mutant" works only with target "reference"');
  if (target === 'reference') {
    if (opts.mutant !== undefined && !isMutantName(opts.mutant)) {
      throw new Error(`smtpspec: unknown mutant "${opts.mutant}"; known: ${mutants.map((m) => m.name).join(', ')}`);
    }
    const server = await startReferenceServer(opts.mutant === undefined ? {} : { mutant: opts.mutant });
    const endpoint = plainEndpoint(opts.mutant ? `reference (mutant ${opts.mutant})` : 'reference', server);
    return {
      endpoint,
      url: endpoint.url,
      rcpt: server.mailbox,
      credentials: server.auth,
      close: () => server.close(),
    };
  }
  const started: StartedTarget = typeof target === 'function' ? await target() : { url: target };
  let endpoint: Endpoint;
  try {
    endpoint = parseTargetUrl(started.url);
  } catch (err) {
    await started.close?.();
    throw new Error(`smtpspec: ${(err as Error).message}`);
  }
  return { ...started, endpoint: started.name ? { ...endpoint, name: started.name } : endpoint };
}

/** Starts (if need be) and runs the selected checks against the target; the report as in results.json. */
export async function runConformance(opts: ConformanceOptions, checks: readonly Check[] = selectConformanceChecks(opts)): Promise<RunReport> {
  const startedAt = new Date();
  const target = await startTarget(opts);
  try {
    const rcpt = opts.rcpt ?? target.rcpt;
    const credentials = opts.credentials ?? target.credentials;
    const run = {
      endpoint: target.endpoint,
      starttls: opts.starttls ?? false,
      verifyCertificates: opts.verifyCertificates ?? false,
      credentials,
      heloName: opts.heloName ?? DEFAULTS.heloName,
      sender: opts.sender ?? DEFAULTS.sender,
      rcpt,
      concurrency: opts.concurrency ?? DEFAULTS.concurrency,
      replyTimeoutMs: opts.timeoutMs ?? DEFAULTS.timeoutMs,
      checkTimeoutMs: opts.checkTimeoutMs ?? DEFAULTS.checkTimeoutMs,
      strict: opts.strict ?? false,
      seed: opts.seed ?? Math.floor(Math.random() * 2 ** 31),
    };
    const outcome = await runChecks(checks, run);
    const { endpoint: _e, credentials: _c, ...options } = run;
    return {
      tool: { name: 'smtpspec', version: VERSION },
      target: outcome.target,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      options: { ...options, target: typeof opts.target === 'string' ? opts.target : target.url, mutant: opts.mutant ?? null, auth: credentials !== undefined, rcpt: rcpt ?? null },
      summary: summarize(outcome.results),
      results: outcome.results,
    };
  } finally {
    await target.close?.();
  }
}
