import type { Check } from '../../harness/check.js';
import { utf8HeaderChecks } from './3-utf8-headers.js';
import { lineLengthOctetChecks } from './3.4-line-length-octets.js';
import { messageGlobalChecks } from './3.7-message-global.js';

/** rfc6532 checks in section order: what a relay does with internationalized header fields. */
export const rfc6532Checks: readonly Check[] = [...utf8HeaderChecks, ...lineLengthOctetChecks, ...messageGlobalChecks];
