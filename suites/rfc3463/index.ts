import type { Check } from '../../harness/check.js';
import { statusCodeChecks } from './2-status-codes.js';
import { semanticChoiceChecks } from './3-semantic-choice.js';

/** rfc3463 checks in section order. */
export const rfc3463Checks: readonly Check[] = [...statusCodeChecks, ...semanticChoiceChecks];
