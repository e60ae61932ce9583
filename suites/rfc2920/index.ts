import type { Check } from '../../harness/check.js';

/** rfc2920 checks in section order. */
export const rfc2920Checks: readonly Check[] = [];
