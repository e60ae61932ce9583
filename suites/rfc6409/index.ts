import type { Check } from '../../harness/check.js';

/** rfc6409 checks in section order. */
export const rfc6409Checks: readonly Check[] = [];
