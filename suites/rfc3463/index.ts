import type { Check } from '../../harness/check.js';

/** rfc3463 checks in section order. */
export const rfc3463Checks: readonly Check[] = [];
