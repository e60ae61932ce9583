import type { Check } from '../../harness/check.js';

/** rfc3207 checks in section order. */
export const rfc3207Checks: readonly Check[] = [];
