import type { Check } from '../../harness/check.js';
import { keywordChecks } from './2-keyword.js';
import { eightBitDataChecks } from './3-8bit-data.js';
import { bodyParameterChecks } from './3-body-parameter.js';
import { relay8bitChecks } from './3-relay.js';

/** rfc6152 checks in section order. */
export const rfc6152Checks: readonly Check[] = [...keywordChecks, ...bodyParameterChecks, ...eightBitDataChecks, ...relay8bitChecks];
