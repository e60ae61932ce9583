import type { Check } from '../../harness/check.js';
import { enhancedKeywordChecks } from './3-keyword.js';
import { enhancedCodeChecks } from './4-enhanced-codes.js';

/** rfc2034 checks in section order. */
export const rfc2034Checks: readonly Check[] = [...enhancedKeywordChecks, ...enhancedCodeChecks];
