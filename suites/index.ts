import type { Check } from '../harness/check.js';
import { rfc1869Checks } from './rfc1869/index.js';
import { rfc1870Checks } from './rfc1870/index.js';
import { rfc2034Checks } from './rfc2034/index.js';
import { rfc2920Checks } from './rfc2920/index.js';
import { rfc3030Checks } from './rfc3030/index.js';
import { rfc3207Checks } from './rfc3207/index.js';
import { rfc3461Checks } from './rfc3461/index.js';
import { rfc3463Checks } from './rfc3463/index.js';
import { rfc3848Checks } from './rfc3848/index.js';
import { rfc4954Checks } from './rfc4954/index.js';
import { rfc5321Checks } from './rfc5321/index.js';
import { rfc6152Checks } from './rfc6152/index.js';
import { rfc6409Checks } from './rfc6409/index.js';
import { rfc6531Checks } from './rfc6531/index.js';
import { rfc6532Checks } from './rfc6532/index.js';
import { rfc6533Checks } from './rfc6533/index.js';
import { smugglingChecks } from './smuggling/index.js';
import { propChecks } from './prop/index.js';

/**
 * Every check of the suite, in report order: the five primary RFCs, then the related extensions,
 * then the smuggling family.
 */
export const allChecks: readonly Check[] = [
  ...rfc5321Checks,
  ...rfc1869Checks,
  ...rfc6152Checks,
  ...rfc6531Checks,
  ...rfc4954Checks,
  ...rfc2920Checks,
  ...rfc1870Checks,
  ...rfc3207Checks,
  ...rfc2034Checks,
  ...rfc3463Checks,
  ...rfc3030Checks,
  ...rfc3461Checks,
  ...rfc6409Checks,
  ...rfc6532Checks,
  ...rfc6533Checks,
  ...rfc3848Checks,
  ...smugglingChecks,
  ...propChecks,
];
