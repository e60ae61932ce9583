import type { Check } from '../../harness/check.js';
import { port587Checks } from './3.1-port-587.js';
import { nullSenderChecks } from './3.2-null-sender.js';
import { generalRejectionChecks } from './4.1-general-rejection.js';
import { fqdnEnvelopeChecks } from './4.2-fqdn-envelope.js';
import { authRequiredChecks } from './4.3-auth-required.js';
import { addressSyntaxChecks } from './5.1-address-syntax.js';
import { responseTimeChecks } from './5.3-response-time.js';
import { submissionRightsChecks } from './6.1-submission-rights.js';

/** rfc6409 checks in section order. */
export const rfc6409Checks: readonly Check[] = [
  ...port587Checks,
  ...nullSenderChecks,
  ...generalRejectionChecks,
  ...fqdnEnvelopeChecks,
  ...authRequiredChecks,
  ...addressSyntaxChecks,
  ...responseTimeChecks,
  ...submissionRightsChecks,
];
