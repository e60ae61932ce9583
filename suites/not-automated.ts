/**
 * Catalog entries that no check covers, each with the reason. `smtpspec list --all` shows them as
 * "not automated", and a test keeps every catalog entry either covered by a check or listed here.
 */
export interface NotAutomated {
  readonly catalog: string;
  readonly reason: string;
}

export const notAutomated: readonly NotAutomated[] = [];
