import { BadTarget, parseTargetUrl, type Endpoint } from '../harness/target.js';

/** Thrown for anything the user typed wrong: exit code 2 with one clear line, never a stack trace. */
export class UsageError extends Error {}

/** A target URL from the command line (`smtp://host:port`, `smtps://…`); a bad one is a UsageError. */
export function parseTargetArg(text: string): Endpoint {
  try {
    return parseTargetUrl(text);
  } catch (err) {
    if (err instanceof BadTarget) throw new UsageError(err.message);
    throw err;
  }
}

export const USAGE = `smtpspec — ESMTP conformance test suite (RFC 5321, 1869, 6152, 6531, 4954)

Usage:
  smtpspec run --target <smtp://host:port | smtps://host:port | reference | postfix | exim | opensmtpd | sendmail> [options]
  smtpspec targets install [postfix] [exim] [opensmtpd] [sendmail] [--force]   (unpack Debian's servers into .targets/)
  smtpspec targets build [docker:names]                (the container images of docker:postfix, docker:exim …)
  smtpspec targets compose [names]                     (render the run folders docker-compose.yml mounts)
  smtpspec targets status [names] | stop [names|ids]    (the local servers and containers smtpspec started)
  smtpspec compare <target...> [--docker] [--report-dir DIR] [--concurrency N] [--include/--exclude/--level/--profile/--strict/--seed …]
                        the suite on each target (reference, reference:<mutant>, postfix, exim, opensmtpd, sendmail, smtp://host:port, smtps://…),
                        a few at once; DIR/<target>/ gets its reports, DIR/compare.json, compare.md and index.html the
                        comparison; exit 0 (FAILs are results here), 3 when a target was unreachable, 2 bad usage
  smtpspec list [--format text|json|markdown] [--all]   (--all: also the catalog entries not automated, and why)
  smtpspec mutants [--format text|json|markdown]
  smtpspec sink [--sink-ports BASE]   (the relay sink alone: prints its ports and the routing a target needs)
  smtpspec doctor --target <reference | postfix | exim | opensmtpd | sendmail | smtp://host:port> [--mutant NAME] [--sink-ports BASE] [--sink-wait MS]
                        sends a probe through the target to each sink profile and says which are routed
                        (exit 0 all routed, 1 some not, 2 bad usage, 3 target unreachable)
  smtpspec baseline write [--from reports/results.json] > smtpspec-baseline.json
  smtpspec --help | --version

Options of run:
  --target T            smtp://host:port, smtps://host:port (implicit TLS), "reference" (the embedded server),
                        "postfix", "exim", "opensmtpd" or "sendmail" (installed local servers, started and stopped by the run),
                        "docker:NAME" for any of these four (the same server in a container; the image is built when missing)
                        or the name of a target in the config file
  --config FILE         settings and named targets (default: ./smtpspec.config.json if present)
  --baseline FILE       known failures: exit 1 only for a new FAIL or any ERROR; lists the fixed ones
  --summary-md FILE     write a Markdown summary (e.g. "$GITHUB_STEP_SUMMARY")
  --mutant NAME         with --target reference: run against a named mutant (see "smtpspec mutants")
  --starttls            upgrade every connection with STARTTLS before the check runs
  --verify-certificates check the server's TLS certificate (off by default for test targets)
  --auth-user U         user for the AUTH checks (or SMTPSPEC_AUTH_USER)
  --auth-pass P         password (or SMTPSPEC_AUTH_PASS; prefer the variable: argv is visible to other users)
  --helo-name NAME      EHLO/HELO argument (default client.test)
  --sender ADDRESS      reverse-path of test transactions (default sender@client.test)
  --rcpt ADDRESS        a mailbox the target accepts (default postmaster@<domain of its greeting>)
  --include PREFIX      run only checks whose id starts with PREFIX at a section boundary (repeatable)
  --exclude PREFIX      leave out those checks (repeatable)
  --level L             must (MUST/MUST NOT only), should (and SHOULD/SHOULD NOT) or may (everything; default)
  --profile P           default or slow (repeatable; slow checks wait minutes)
  --strict              grade NON-STRICT results as FAIL
  --concurrency N       checks run at once (default 8)
  --timeout MS          longest wait for one reply (default 10000)
  --check-timeout MS    longest a whole check may take (default 60000)
  --seed N              seed for randomised variants (default: random, printed in the report)
  --runs N              runs per property check (prop/...; default: a budget of a few seconds each)
  --report-dir DIR      where results.json, junit.xml, results.tap and index.html go (default reports)
  --sink                start the relay sink and print the routing the target needs (on by itself with --target reference)
  --sink-wait MS        longest wait of a relay check for its message or bounce at the sink (default 30000)
  --sink-ports BASE     sink listeners on fixed ports BASE..BASE+6 (default: free ports, printed)
  --docker              run a local target (postfix, exim …) in its container, as docker:NAME (compare too)
  --verbose             show the transcript of every check that did not pass (FAIL and ERROR always do)

The command line overrides the config file.
Exit codes: 0 no FAIL or ERROR (with --baseline: none but known FAILs); 1 a check failed or errored; 2 bad usage; 3 target unreachable; 130 interrupted.`;
