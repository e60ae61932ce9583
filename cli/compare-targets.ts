import type { Check } from '../harness/check.js';
import type { CheckResult } from '../harness/result.js';
import { gradeWithoutRunning } from '../harness/runner.js';
import type { Credentials } from '../harness/session/sasl.js';
import type { SinkAccess } from '../harness/sink/types.js';
import { startSink } from '../harness/sink/sink.js';
import { plainEndpoint, type Endpoint } from '../harness/target.js';
import { isMutantName } from '../fixtures/reference/mutants.js';
import { dockerTargetSpec, isDockerTargetName, startDockerTargetByName } from './docker-target.js';
import { isLocalTargetName, LOCAL_TARGET_NAMES, startLocalTargetByName } from './local-target.js';
import { startReferenceTarget } from './reference-target.js';
import { parseTargetArg, UsageError } from './usage.js';

/**
 * The targets `smtpspec compare` accepts, each turned into something the runner can connect to
 * (started first when it is a server smtpspec runs itself) and stopped afterwards.
 */

export interface ResolvedTarget {
  readonly endpoint: Endpoint;
  /** A mailbox the target accepts; undefined: postmaster at the greeting's domain. */
  readonly rcpt: string | undefined;
  readonly credentials: Credentials | undefined;
  /** The relay sink the target routes to, when there is one (needs: ['sink'] checks). */
  readonly sink?: SinkAccess;
  /** Stops what `resolve` started; a no-op for a server smtpspec did not start. */
  stop(): Promise<void>;
}

export interface TargetProvider {
  /** Whether this provider owns the name; asked for every target before anything starts. */
  matches(name: string): boolean;
  /** Checks the name without starting anything: a UsageError (exit 2) for a bad one. */
  validate?(name: string): void;
  /** Starts (or just locates) the target. A rejection makes the target unreachable (its checks ERROR). */
  resolve(name: string): Promise<ResolvedTarget>;
}

const MUTANT_PREFIX = 'reference:';

/**
 * `reference` and `reference:<mutant>`: the embedded server on a free loopback port, with a relay
 * sink of its own that it routes the sink domains to (as `run --target reference` does).
 */
const referenceProvider = (sinkWaitMs: number): TargetProvider => ({
  matches: (name) => name === 'reference' || name.startsWith(MUTANT_PREFIX),
  validate(name) {
    const mutant = name === 'reference' ? undefined : name.slice(MUTANT_PREFIX.length);
    if (mutant !== undefined && !isMutantName(mutant)) throw new UsageError(`unknown mutant "${mutant}" in "${name}"; "smtpspec mutants" lists them`);
  },
  async resolve(name) {
    const mutant = name === 'reference' ? undefined : name.slice(MUTANT_PREFIX.length);
    const sink = await startSink({ waitMs: sinkWaitMs });
    try {
      const server = await startReferenceTarget(mutant, sink.routes);
      return {
        endpoint: plainEndpoint(name, server),
        rcpt: server.mailbox,
        credentials: server.auth,
        sink: sink.access,
        stop: async () => {
          await server.close();
          await sink.close();
        },
      };
    } catch (err) {
      await sink.close();
      throw err;
    }
  },
});

/** `smtp://host:port` and `smtps://host:port`: a server someone else runs; no rcpt, no credentials. */
export const urlProvider: TargetProvider = {
  matches: (name) => /^[a-z][a-z0-9+.-]*:\/\//i.test(name),
  validate(name) {
    parseTargetArg(name);
  },
  async resolve(name) {
    return { endpoint: parseTargetArg(name), rcpt: undefined, credentials: undefined, stop: async () => {} };
  },
};

/**
 * `postfix`, `exim` …: a real MTA installed by `smtpspec targets install` (cli/local-target.ts),
 * started with a private config on a free port, relaying the sink domains to a sink of its own.
 */
const localProvider = (sinkWaitMs: number): TargetProvider => ({
  matches: isLocalTargetName,
  resolve: (name) => withOwnSink(sinkWaitMs, (routes) => startLocalTargetByName(name, { relayRoutes: routes })),
});

/**
 * `docker:postfix` …, and with `compare --docker` every local target name: the fixture in a
 * container of its image (built when missing), relaying the sink domains to a sink of its own.
 */
const dockerProvider = (sinkWaitMs: number, localNamesToo: boolean): TargetProvider => ({
  matches: (name) => isDockerTargetName(name) || (localNamesToo && isLocalTargetName(name)),
  validate(name) {
    dockerTargetSpec(name);
  },
  resolve: (name) =>
    withOwnSink(sinkWaitMs, async (routes) => {
      const server = await startDockerTargetByName(name, { relayRoutes: routes });
      return { ...server, endpoint: { ...server.endpoint, name } };
    }),
});

/** A real server started to relay to a sink of its own: both end together, and the sink too when the start fails. */
async function withOwnSink(
  sinkWaitMs: number,
  start: (routes: Readonly<Record<string, number>>) => Promise<{ endpoint: Endpoint; rcpt: string; credentials: Credentials; stop(): Promise<void> }>,
): Promise<ResolvedTarget> {
  const sink = await startSink({ waitMs: sinkWaitMs });
  try {
    const server = await start(sink.routes);
    return {
      endpoint: server.endpoint,
      rcpt: server.rcpt,
      credentials: server.credentials,
      sink: sink.access,
      stop: async () => {
        try {
          await server.stop();
        } finally {
          await sink.close();
        }
      },
    };
  } catch (err) {
    await sink.close();
    throw err;
  }
}

/** The providers in the order they are asked; a new kind of target is one more provider here. */
export function targetProviders(opts: { sinkWaitMs: number; docker?: boolean }): TargetProvider[] {
  return [referenceProvider(opts.sinkWaitMs), urlProvider, dockerProvider(opts.sinkWaitMs, opts.docker === true), localProvider(opts.sinkWaitMs)];
}

/** The provider for each name, checked before any target starts; a name nobody knows is exit 2. */
export function providersFor(names: readonly string[], providers: readonly TargetProvider[]): TargetProvider[] {
  return names.map((name) => {
    const provider = providers.find((p) => p.matches(name));
    if (!provider) throw new UsageError(`unknown target "${name}": use reference, reference:<mutant>, ${[...LOCAL_TARGET_NAMES, ''].join(', ')}docker:<local target>, smtp://host:port or smtps://host:port`);
    provider.validate?.(name);
    return provider;
  });
}

/** A folder name for a target's reports that is safe on every file system and unique in the run. */
export function reportFolderNames(names: readonly string[]): string[] {
  const used = new Set<string>(['compare.json', 'compare.md', 'index.html']);
  return names.map((name) => {
    const base = name.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '').slice(0, 80) || 'target';
    let folder = base;
    for (let i = 2; used.has(folder.toLowerCase()); i++) folder = `${base}-${i}`;
    used.add(folder.toLowerCase());
    return folder;
  });
}

/** Results for a target that never started: every check ERROR with the reason, as the runner grades an unreachable one. */
export function unreachableResults(checks: readonly Check[], reason: string): CheckResult[] {
  return checks.map((check) => gradeWithoutRunning(check, 'ERROR', `target unreachable: ${reason}`));
}
