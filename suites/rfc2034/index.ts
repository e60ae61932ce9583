import type { Check } from '../../harness/check.js';

/** rfc2034 checks in section order. */
export const rfc2034Checks: readonly Check[] = [];
