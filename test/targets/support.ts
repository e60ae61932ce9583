import { installTarget, isInstalled } from '../../harness/targets/install.js';
import type { LocalTargetSpec } from '../../harness/targets/types.js';

/**
 * Makes sure the target is unpacked: installs it when it is not (CI installs it beforehand with
 * `smtpspec targets install`). Returns why the test must be skipped, or undefined to go on: only
 * a target that is not installed AND cannot be fetched (no apt mirror) is a reason to skip.
 */
export async function installedOrSkipReason(spec: LocalTargetSpec): Promise<string | undefined> {
  if (isInstalled(spec)) return undefined;
  try {
    await installTarget(spec);
    return undefined;
  } catch (err) {
    return `${spec.name} is not installed in .targets/${spec.name} and could not be installed (apt unreachable?): ${(err as Error).message}`;
  }
}
