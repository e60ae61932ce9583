/**
 * Catalog entries that no check covers, each with the reason. `smtpspec list --all` shows them as
 * "not automated", and a test keeps every catalog entry either covered by a check or listed here.
 */
export interface NotAutomated {
  readonly catalog: string;
  readonly reason: string;
}

export const notAutomated: readonly NotAutomated[] = [
  {
    catalog: '6531-3.7.4.1-no-utf8-251-551',
    reason:
      'a 251/551 reply needs a forwarding entry on the target that maps an ASCII address to a UTF-8 one, which smtpspec cannot know; any 251/551 that does occur is still checked by rfc6531/3.7.4/no-utf8-in-replies',
  },
  {
    catalog: '6531-3.1-lmtp-and-submission',
    reason: 'a way of running the suite, not a check: run the SMTPUTF8 checks against the submission port (smtpspec does not speak LMTP)',
  },
];
