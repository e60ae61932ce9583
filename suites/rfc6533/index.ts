import type { Check } from '../../harness/check.js';
import { utf8AddressTypeChecks } from './3-utf8-address-type.js';

/** rfc6533 checks in section order. */
export const rfc6533Checks: readonly Check[] = [...utf8AddressTypeChecks];
