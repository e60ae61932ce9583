import { isMutantName } from '../fixtures/reference/mutants.js';
import { startReferenceServer, type ReferenceServer } from '../fixtures/reference/server.js';
import type { RelayRoutes } from '../fixtures/reference/relay/types.js';
import { UsageError } from './usage.js';

/** Starts the embedded reference server (or a mutant) for `--target reference`, relaying to `relayRoutes`. */
export async function startReferenceTarget(mutant: string | undefined, relayRoutes?: RelayRoutes): Promise<ReferenceServer> {
  if (mutant !== undefined && !isMutantName(mutant)) {
    throw new UsageError(`unknown mutant "${mutant}"; "smtpspec mutants" lists them`);
  }
  return startReferenceServer({ ...(mutant === undefined ? {} : { mutant }), ...(relayRoutes ? { relayRoutes } : {}) });
}
