import type { Check } from '../harness/check.js';
import { rfc1869Checks } from './rfc1869/index.js';
import { rfc4954Checks } from './rfc4954/index.js';
import { rfc5321Checks } from './rfc5321/index.js';
import { rfc6152Checks } from './rfc6152/index.js';
import { rfc6531Checks } from './rfc6531/index.js';
import { smugglingChecks } from './smuggling/index.js';

/** Every check of the suite, in report order: the five primary RFCs, then the smuggling family. */
export const allChecks: readonly Check[] = [
  ...rfc5321Checks,
  ...rfc1869Checks,
  ...rfc6152Checks,
  ...rfc6531Checks,
  ...rfc4954Checks,
  ...smugglingChecks,
];
