import type { Check } from '../../harness/check.js';
import { sizeKeywordChecks } from './3-size-keyword.js';
import { sizeParameterChecks } from './6-size-parameter.js';
import { overLimitChecks } from './6.1-over-limit.js';
import { actualSizeChecks } from './6.3-actual-size.js';
import { perRecipientChecks } from './6.4-per-recipient.js';

/** rfc1870 checks in section order. */
export const rfc1870Checks: readonly Check[] = [...sizeKeywordChecks, ...sizeParameterChecks, ...overLimitChecks, ...actualSizeChecks, ...perRecipientChecks];
