import type { Check } from '../../harness/check.js';
import { withKeywordChecks } from './2-with-keywords.js';

/** RFC 3848 checks in section order. */
export const rfc3848Checks: readonly Check[] = [...withKeywordChecks];
