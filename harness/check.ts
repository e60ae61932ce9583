import type { Session } from './session/session.js';
import type { SinkAccess } from './sink/types.js';
import type { Credentials } from './session/sasl.js';
import type { Verdict } from './verdict.js';

/** RFC 2119 keyword of the requirement (INFO: the RFC leaves it open; the check only records). */
export type Level = 'MUST' | 'MUST NOT' | 'SHOULD' | 'SHOULD NOT' | 'MAY' | 'INFO';

/**
 * What a violation of the requirement is graded as: `fail` → FAIL, `warn` → NON-STRICT (FAIL with
 * --strict), `info` → INFO. Defaults from the level (MUST → fail, SHOULD → warn, MAY/INFO → info);
 * a check that deviates says why in `severityNote` (the catalog's "Ambiguities and conflicts").
 */
export type Severity = 'fail' | 'warn' | 'info';

/** Preconditions other than EHLO keywords: missing ones make a check SKIPPED, never FAIL. */
export type Need = 'auth' | 'tls' | 'sink';

/** `slow` checks wait minutes (idle timeouts); a default run leaves them out. */
export type Profile = 'default' | 'slow';

export interface Check {
  /** `<rfc>/<section>/<slug>`, e.g. `rfc5321/4.1.4/rcpt-before-mail`. */
  readonly id: string;
  /** What the harness does, in the "Sends …" voice. */
  readonly title: string;
  /** What the server must do, quoting the RFC keyword. */
  readonly requirement: string;
  readonly level: Level;
  readonly severity?: Severity;
  readonly severityNote?: string;
  /** Entries of the requirements catalog (shared/spec/requirements.md) this check implements. */
  readonly catalog: readonly string[];
  /** Required when `catalog` is empty: the RFC basis of a check the catalog does not list. */
  readonly catalogNote?: string;
  /** EHLO keywords that must be advertised, else UNIMPLEMENTED. */
  readonly requires?: readonly string[];
  readonly needs?: readonly Need[];
  readonly profile?: Profile;
  /** The time this check needs at least (slow checks idle for minutes); raises --check-timeout for it. */
  readonly timeoutMs?: number;
  /**
   * The kind of target the requirement applies to, when not every target is one (e.g. "servers
   * whose greeting is 554", "submission servers that require AUTH"); on other targets the check
   * returns skip() with this as the reason.
   */
  readonly appliesTo?: string;
  readonly run: (s: Session, ctx: CheckContext) => Promise<Verdict>;
}

/** What a check knows about the target and the run, besides its session. */
export interface CheckContext {
  /** EHLO/HELO argument, `client.test` unless --helo-name. */
  readonly heloName: string;
  /** Reverse-path the checks use. */
  readonly sender: string;
  /** A mailbox the target accepts mail for (--rcpt). */
  readonly rcpt: string;
  /** Domain part of `rcpt`: a domain the target delivers locally. */
  readonly localDomain: string;
  readonly credentials: Credentials | undefined;
  /** Keywords the target advertised to the runner's probe EHLO (upper case). */
  readonly probeKeywords: ReadonlySet<string>;
  /** Opens another connection to the target (for checks that need two at once). */
  readonly connect: () => Promise<Session>;
  /** A value unique to this check run (for non-existent mailboxes and message tags). */
  readonly token: string;
  /** Seed for the check's own randomness (random-case variants), from --seed. */
  readonly seed: number;
  /** --runs: how many runs a property check makes (each property has its own default). */
  readonly runs?: number;
  /** The relay sink, when the run has one (always for checks with `needs: ['sink']`). */
  readonly sink?: SinkAccess;
}

export function severityOf(check: Check): Severity {
  if (check.severity) return check.severity;
  switch (check.level) {
    case 'MUST':
    case 'MUST NOT':
      return 'fail';
    case 'SHOULD':
    case 'SHOULD NOT':
      return 'warn';
    case 'MAY':
    case 'INFO':
      return 'info';
  }
}

/** The RFC part of an id: `rfc5321`, `smuggling`. */
export function rfcOf(id: string): string {
  return id.split('/')[0] ?? id;
}

/** The section part of an id: `4.1.4`. */
export function sectionOf(id: string): string {
  return id.split('/')[1] ?? '';
}
