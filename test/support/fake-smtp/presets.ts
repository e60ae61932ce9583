import type { RunnerOptions } from '../../../harness/runner.js';
import type { FakeSmtpOptions } from './options.js';

// Named setups of the fake server for groups of tests that share one.

/**
 * A server of RFC 5321 alone, as the RFC 5321 check tests want it: no service extensions beyond
 * PIPELINING, 8BITMIME, SIZE and HELP (so no MAIL parameters and no AUTH), any recipient taken and
 * bare CR or LF in the data not looked at. The checks that need more (relay refusal, SMTPUTF8) are
 * graded on it as a server lacking that.
 */
export const RFC5321_ONLY: FakeSmtpOptions = {
  keywords: ['PIPELINING', '8BITMIME', 'SIZE 1000000', 'HELP'],
  noMailParameters: true,
  utf8WithoutParameter: true,
  anyRecipient: true,
  noAuth: true,
  acceptBareInData: true,
};

/** The runner settings of the RFC 5321 check tests: no credentials, one check at a time, their seed. */
export const RFC5321_RUN: Partial<RunnerOptions> = {
  credentials: undefined,
  concurrency: 1,
  replyTimeoutMs: 1_000,
  checkTimeoutMs: 10_000,
  seed: 42,
};

/** Answers like a minimal server for the commands the runner's probe uses (for `answer` with `linesOnly`). */
export function basicAnswer(line: string): string | null {
  const verb = line.split(' ')[0]!.toUpperCase();
  if (verb === 'EHLO') return '250-scripted.test\r\n250 PIPELINING';
  if (verb === 'QUIT') return '221 bye';
  return '250 ok';
}

/** The runner settings of the tests that script every answer (`answer` with `linesOnly`). */
export const SCRIPTED_RUN: Partial<RunnerOptions> = {
  credentials: undefined,
  rcpt: 'user@scripted.test',
  concurrency: 4,
  replyTimeoutMs: 1_000,
  checkTimeoutMs: 10_000,
};
