import type { Check } from '../../harness/check.js';

/** rfc3030 checks in section order. */
export const rfc3030Checks: readonly Check[] = [];
