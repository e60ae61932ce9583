import type { Check } from '../../harness/check.js';
import { parameterChecks } from './4-parameters.js';
import { invalidParameterChecks } from './4.5-invalid-parameters.js';
import { parameterSizeChecks } from './5.4-parameter-sizes.js';
import { relayDsnChecks } from './5.2-relay.js';

/** rfc3461 checks in section order. */
export const rfc3461Checks: readonly Check[] = [...parameterChecks, ...invalidParameterChecks, ...relayDsnChecks, ...parameterSizeChecks];
