/**
 * Catalog entries that no check covers, each with the reason. `smtpspec list --all` shows them as
 * "not automated", and a test keeps every catalog entry either covered by a check or listed here.
 */
export interface NotAutomated {
  readonly catalog: string;
  readonly reason: string;
}

/** What a relay does can only be seen downstream: these wait for the relay sink. */
const SINK = 'needs the relay sink (the target relays to smtpspec, which observes what arrives); built with relay observation';

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
  { catalog: '5321-2.4-8bit-without-negotiation', reason: SINK },
  { catalog: '5321-3.6.3-bounce-after-acceptance', reason: SINK },
  { catalog: '5321-4.1.1.3-source-route-accepted', reason: SINK },
  { catalog: '5321-4.1.1.4-no-extra-crlf', reason: SINK },
  { catalog: '5321-4.1.1.10-abort-on-disconnect', reason: SINK },
  { catalog: '5321-4.1.2-quoted-local-part', reason: SINK },
  { catalog: '5321-4.2.5-no-delivery-after-error', reason: SINK },
  { catalog: '5321-4.2.5-250-means-delivery', reason: SINK },
  { catalog: '5321-4.5.2-all-ascii-delivered', reason: SINK },
  { catalog: '5321-4.5.3.1.1-localpart-64', reason: SINK },
  { catalog: '5321-4.5.3.1.3-path-256', reason: SINK },
  { catalog: '5321-4.5.3.1.6-text-line-1000', reason: SINK },
  { catalog: '5321-4.5.3.1.6-overlong-line', reason: SINK },
  { catalog: '5321-4.5.3.1.8-100-recipients', reason: SINK },
  { catalog: '5321-4.5.3.1.8-orderly-limit', reason: SINK },
  { catalog: '5321-6.3-loop-detection', reason: SINK },
  { catalog: '5321-6.4-relay-no-fixups', reason: SINK },
  { catalog: '5321-7.9-no-open-relay', reason: SINK },
  { catalog: '1869-7-received-with-esmtp', reason: SINK },
  { catalog: '6531-3.5-post-data-554-x69', reason: SINK },
  { catalog: '6531-3.7.3-trace-fields', reason: SINK },
  { catalog: '4954-5-auth-parameter-relay', reason: SINK },
  { catalog: '4954-7-received-esmtpa', reason: SINK },
  { catalog: '2920-3.2-no-delivery-empty-message', reason: SINK },
  { catalog: '3207-4.2-state-reset', reason: SINK },
  { catalog: '3030-2-chunk-content-is-opaque', reason: SINK },
  { catalog: '3030-2-rset-clears-chunks', reason: SINK },
  { catalog: '3030-3-binarymime-preserved', reason: SINK },
  { catalog: '3461-5.2.1-relay-preserves-parameters', reason: SINK },
  { catalog: '3461-5.2.2-non-dsn-next-hop', reason: SINK },
  { catalog: '3461-5.2-no-dsn-for-null-sender', reason: SINK },
  { catalog: '3461-4.1-success-dsn', reason: SINK },
  { catalog: '6409-4.2-fqdn-envelope', reason: SINK },
  { catalog: '6532-3-utf8-headers-need-smtputf8', reason: SINK },
  { catalog: '6532-3.4-line-length-octets', reason: SINK },
  { catalog: '6532-3.7-message-global', reason: SINK },
  { catalog: 'SMUG-inbound-no-second-message', reason: SINK },
];
