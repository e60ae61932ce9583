import type { Check } from '../../harness/check.js';
import { keywordChecks } from './2-keyword.js';
import { starttlsCommandChecks } from './4-starttls-command.js';
import { tlsPolicyChecks } from './4-tls-policy.js';
import { insufficientSecurityChecks } from './4.1-insufficient-security.js';
import { afterTlsChecks } from './4.2-after-tls.js';
import { stateResetChecks } from './4.2-state-reset.js';

/** rfc3207 checks in section order. */
export const rfc3207Checks: readonly Check[] = [...keywordChecks, ...starttlsCommandChecks, ...tlsPolicyChecks, ...insufficientSecurityChecks, ...afterTlsChecks, ...stateResetChecks];
