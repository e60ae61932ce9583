import type { Check } from '../../harness/check.js';

/** rfc3461 checks in section order. */
export const rfc3461Checks: readonly Check[] = [];
