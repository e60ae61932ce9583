import type { Check } from '../../harness/check.js';

/** rfc1870 checks in section order. */
export const rfc1870Checks: readonly Check[] = [];
