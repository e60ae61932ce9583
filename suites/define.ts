import type { Check } from '../harness/check.js';

/** Identity with a type: lets a suite file list its checks as plain data with full checking. */
export function defineCheck(check: Check): Check {
  return check;
}
