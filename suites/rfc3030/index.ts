import type { Check } from '../../harness/check.js';
import { bdatChecks } from './2-bdat.js';
import { failedChunkChecks } from './2-failed-chunk.js';
import { binarymimeChecks } from './3-binarymime.js';
import { chunkingRelayChecks } from './2-3-relay.js';

/** rfc3030 checks in section order. */
export const rfc3030Checks: readonly Check[] = [...bdatChecks, ...failedChunkChecks, ...binarymimeChecks, ...chunkingRelayChecks];
