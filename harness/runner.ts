import { randomBytes } from 'node:crypto';
import { rfcOf, sectionOf, severityOf, type Check, type CheckContext } from './check.js';
import type { CheckResult, Grade, TargetInfo } from './result.js';
import { describeOutcome } from './session/outcome.js';
import { credentialSecrets, type Credentials } from './session/sasl.js';
import { ConnectFailed, HarnessMisuse, Session } from './session/session.js';
import { BUSY_RETRY_WAITS_MS, openRetryingBusy } from './session/busy-retry.js';
import { BlockedBy, SetupFailed } from './setup.js';
import type { SinkAccess } from './sink/types.js';
import type { Endpoint } from './target.js';
import { skip, type Verdict } from './verdict.js';

export interface RunnerOptions {
  readonly endpoint: Endpoint;
  /** Upgrade every check's connection with STARTTLS (and a throw-away EHLO) before the check runs. */
  readonly starttls: boolean;
  readonly verifyCertificates: boolean;
  readonly credentials: Credentials | undefined;
  readonly heloName: string;
  readonly sender: string;
  /** A mailbox the target accepts; undefined: postmaster at the domain of the greeting. */
  readonly rcpt: string | undefined;
  readonly concurrency: number;
  /** The longest wait for any one reply. */
  readonly replyTimeoutMs: number;
  /** The longest a whole check may take. */
  readonly checkTimeoutMs: number;
  readonly strict: boolean;
  readonly seed: number;
  /** --runs for the property checks; undefined: their defaults. */
  readonly runs?: number;
  /** The relay sink the target routes sink.test and bounce.test to; without it `needs: ['sink']` checks are SKIPPED. */
  readonly sink?: SinkAccess;
  readonly onResult?: (result: CheckResult, done: number, total: number) => void;
  /** Aborted (Ctrl-C): running checks end as ERROR at once, the rest are not started. */
  readonly signal?: AbortSignal;
}

export interface RunOutcome {
  readonly target: TargetInfo;
  readonly results: CheckResult[];
  /** Set when the probe could not reach a greeting: the target is unreachable (exit code 3). */
  readonly unreachable: string | undefined;
}

interface Probe {
  readonly greeting: string;
  readonly ehlo: readonly string[];
  readonly keywords: ReadonlySet<string>;
  readonly greetingDomain: string | undefined;
  readonly unreachable: string | undefined;
}

/** Runs the checks against one target: a probe first, then a fresh connection per check. */
export async function runChecks(checks: readonly Check[], opts: RunnerOptions): Promise<RunOutcome> {
  const probe = await probeTarget(opts);
  const target: TargetInfo = { name: opts.endpoint.name, url: opts.endpoint.url, greeting: probe.greeting, ehlo: probe.ehlo };
  const results: CheckResult[] = new Array(checks.length);
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const index = next++;
      const check = checks[index]!;
      const result = probe.unreachable
        ? gradeWithoutRunning(check, 'ERROR', `target unreachable: ${probe.unreachable}`)
        : opts.signal?.aborted
          ? gradeWithoutRunning(check, 'ERROR', INTERRUPTED)
          : await runOne(check, opts, probe);
      results[index] = result;
      done++;
      opts.onResult?.(result, done, checks.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, checks.length)) }, worker));
  return { target, results, unreachable: probe.unreachable };
}

async function probeTarget(opts: RunnerOptions): Promise<Probe> {
  let session: Session | undefined;
  try {
    session = await openSession(opts, false);
    const g = session.greeting;
    const greeting = g.kind === 'reply' ? g.lines.map((l) => `${g.code} ${l}`).join('\n') : describeOutcome(g);
    if (g.kind !== 'reply') return { greeting, ehlo: [], keywords: new Set(), greetingDomain: undefined, unreachable: `no greeting: ${describeOutcome(g)}` };
    const greetingDomain = g.code === 220 ? g.lines[0]?.split(' ')[0] : undefined;
    if (opts.starttls) await upgrade(session, opts);
    const ehlo = g.code === 220 ? await session.ehlo(opts.heloName) : undefined;
    const lines = ehlo?.kind === 'reply' && ehlo.code === 250 ? ehlo.lines.slice(1) : [];
    await session.quit();
    return { greeting, ehlo: lines, keywords: new Set(session.ehloKeywords?.keys() ?? []), greetingDomain, unreachable: undefined };
  } catch (err) {
    const reason = err instanceof ConnectFailed ? err.message : `probe failed: ${String((err as Error)?.message ?? err)}`;
    return { greeting: reason, ehlo: [], keywords: new Set(), greetingDomain: undefined, unreachable: reason };
  } finally {
    session?.close();
  }
}

async function openSession(opts: RunnerOptions, withStarttls: boolean): Promise<Session> {
  const session = await Session.open({
    host: opts.endpoint.host,
    port: opts.endpoint.port,
    implicitTls: opts.endpoint.implicitTls,
    verifyCertificates: opts.verifyCertificates,
    replyTimeoutMs: opts.replyTimeoutMs,
    secrets: opts.credentials ? credentialSecrets(opts.credentials) : [],
  });
  if (withStarttls) await upgrade(session, opts);
  return session;
}

/** --starttls: EHLO, STARTTLS, handshake; the check then starts with its own EHLO inside TLS. */
async function upgrade(session: Session, opts: RunnerOptions): Promise<void> {
  if (session.greeting.kind !== 'reply' || session.greeting.code !== 220) return;
  const ehlo = await session.ehlo(opts.heloName);
  if (ehlo.kind !== 'reply' || ehlo.code !== 250) throw new SetupFailed(`EHLO ${opts.heloName} (before STARTTLS)`, ehlo, '250');
  const reply = await session.startTls();
  if (reply.kind !== 'reply' || reply.code !== 220 || !session.tlsActive) throw new SetupFailed('STARTTLS', reply, '220 and a TLS handshake');
}

async function runOne(check: Check, opts: RunnerOptions, probe: Probe): Promise<CheckResult> {
  const missing = (check.requires ?? []).filter((k) => !probe.keywords.has(k.toUpperCase()));
  if (missing.length > 0) return gradeWithoutRunning(check, 'UNIMPLEMENTED', `the target does not advertise ${missing.join(', ')}`);
  const needs = check.needs ?? [];
  if (needs.includes('auth') && !opts.credentials) return gradeWithoutRunning(check, 'SKIPPED', 'needs credentials: give --auth-user and --auth-pass (or SMTPSPEC_AUTH_USER/SMTPSPEC_AUTH_PASS)');
  if (needs.includes('sink') && !opts.sink) {
    return gradeWithoutRunning(check, 'SKIPPED', 'needs the relay sink: run with --sink and route sink.test and bounce.test to it (see "smtpspec sink"), or use --target reference');
  }
  if (needs.includes('tls') && !opts.endpoint.implicitTls && !opts.starttls && !probe.keywords.has('STARTTLS')) {
    return gradeWithoutRunning(check, 'SKIPPED', 'needs TLS: the target offers neither STARTTLS nor implicit TLS');
  }

  const started = Date.now();
  const sessions: Session[] = [];
  const token = `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  const localDomain = (opts.rcpt ?? '').split('@')[1] ?? probe.greetingDomain ?? 'localhost';
  const ctx: CheckContext = {
    heloName: opts.heloName,
    sender: opts.sender,
    rcpt: opts.rcpt ?? `postmaster@${probe.greetingDomain ?? 'localhost'}`,
    localDomain,
    credentials: opts.credentials,
    probeKeywords: probe.keywords,
    token,
    seed: seedFor(opts.seed, check.id),
    ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
    ...(opts.sink ? { sink: opts.sink } : {}),
    connect: async () => {
      // The probe got a 220: a 421 now is the target's connection limit, not its answer (busy-retry.ts).
      const s = await openRetryingBusy(() => openSession(opts, opts.starttls), probe.greeting.startsWith('220') ? BUSY_RETRY_WAITS_MS : []);
      sessions.push(s);
      return s;
    },
  };
  let verdict: Verdict | undefined;
  let error: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    const first = await ctx.connect();
    const stopped = new Promise<never>((_, reject) => {
      const limit = Math.max(opts.checkTimeoutMs, check.timeoutMs ?? 0);
      timer = setTimeout(() => reject(new CheckTimedOut(limit)), limit);
      onAbort = () => reject(new Interrupted());
      opts.signal?.addEventListener('abort', onAbort, { once: true });
    });
    const running = check.run(first, ctx);
    // After a timeout the check goes on against closed sessions; its late failure is of no interest.
    running.catch(() => undefined);
    verdict = await Promise.race([running, stopped]);
  } catch (err) {
    if (err instanceof BlockedBy) verdict = skip(err.message);
    else error = describeError(err);
  } finally {
    clearTimeout(timer);
    if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
    for (const s of sessions) s.close();
  }
  const transcript = sessions
    .map((s, i) => (sessions.length > 1 ? `** connection ${i + 1}\n` : '') + s.transcript.render())
    .join('\n');
  const redact = (text: string) => sessions[0]?.transcript.redact(text) ?? text;
  const durationMs = Date.now() - started;
  if (error !== undefined || verdict === undefined) {
    return result(check, 'ERROR', durationMs, { expected: [], actual: '', reason: redact(error ?? 'no verdict'), transcript });
  }
  return result(check, gradeOf(check, verdict, opts.strict), durationMs, {
    expected: verdict.expected.map(redact),
    actual: redact(verdict.actual),
    reason: redact(verdict.reason ?? ''),
    transcript,
  });
}

const INTERRUPTED = 'interrupted (Ctrl-C) before the check finished';

class Interrupted extends Error {
  constructor() {
    super(INTERRUPTED);
  }
}

class CheckTimedOut extends Error {
  constructor(ms: number) {
    super(`the check did not finish within ${ms} ms (--check-timeout)`);
  }
}

function describeError(err: unknown): string {
  if (err instanceof SetupFailed || err instanceof ConnectFailed || err instanceof CheckTimedOut || err instanceof Interrupted) return err.message;
  if (err instanceof HarnessMisuse) return `harness misuse: ${err.message}`;
  return `internal error: ${err instanceof Error ? err.message : String(err)}`;
}

/** Maps a verdict to a grade through the check's severity and --strict. */
export function gradeOf(check: Check, v: Verdict, strict: boolean): Grade {
  const nonStrict: Grade = strict ? 'FAIL' : 'NON-STRICT';
  switch (v.kind) {
    case 'pass':
      return 'PASS';
    case 'non-strict':
      return nonStrict;
    case 'violation': {
      const severity = severityOf(check);
      return severity === 'fail' ? 'FAIL' : severity === 'warn' ? nonStrict : 'INFO';
    }
    case 'info':
    case 'inconclusive':
      return 'INFO';
    case 'skip':
      return 'SKIPPED';
    case 'unimplemented':
      return 'UNIMPLEMENTED';
  }
}

/** The result of a check graded without a connection (missing keyword, no credentials, unreachable target). */
export function gradeWithoutRunning(check: Check, grade: Grade, reason: string): CheckResult {
  return result(check, grade, 0, { expected: [], actual: '', reason, transcript: '' });
}

function result(
  check: Check,
  grade: Grade,
  durationMs: number,
  found: { expected: readonly string[]; actual: string; reason: string; transcript: string },
): CheckResult {
  return {
    id: check.id,
    rfc: rfcOf(check.id),
    section: sectionOf(check.id),
    title: check.title,
    requirement: check.requirement,
    level: check.level,
    severity: severityOf(check),
    catalog: check.catalog,
    requires: check.requires ?? [],
    needs: check.needs ?? [],
    grade,
    durationMs,
    ...found,
  };
}

/** A per-check seed derived from the run's seed, so that one check replays alone. */
function seedFor(seed: number, id: string): number {
  let h = seed >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
