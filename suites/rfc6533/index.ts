import type { Check } from '../../harness/check.js';

/** rfc6533 checks in section order. */
export const rfc6533Checks: readonly Check[] = [];
