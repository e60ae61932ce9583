import type { Check } from '../../harness/check.js';
import { bareCrLfChecks } from './2.3.8-bare-cr-lf.js';
import { outboundSmugglingChecks } from './2.3.8-outbound.js';
import { pipelinedDataChecks } from './3.3-pipelined-data.js';
import { endOfDataChecks } from './4.1.1.4-end-of-data.js';
import { inboundSinkSmugglingChecks } from './4.1.1.4-inbound-sink.js';

/** smuggling checks in section order. */
export const smugglingChecks: readonly Check[] = [...bareCrLfChecks, ...outboundSmugglingChecks, ...pipelinedDataChecks, ...endOfDataChecks, ...inboundSinkSmugglingChecks];
