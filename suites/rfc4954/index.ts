import type { Check } from '../../harness/check.js';
import { authKeywordChecks } from './3-auth-keyword.js';
import { authCommandChecks } from './4-auth-command.js';
import { authExchangeChecks } from './4-auth-exchange.js';
import { authOutcomeChecks } from './4-auth-outcome.js';
import { authTransportChecks } from './4-auth-transport.js';
import { saslResponseChecks } from './4-sasl-responses.js';
import { authParameterChecks } from './5-auth-parameter.js';
import { authRelayChecks } from './5-7-relay.js';
import { authPolicyChecks } from './6-auth-policy.js';
import { authAttemptChecks } from './9-auth-attempts.js';

/** rfc4954 checks in section order. */
export const rfc4954Checks: readonly Check[] = [
  ...authKeywordChecks,
  ...authCommandChecks,
  ...authExchangeChecks,
  ...authOutcomeChecks,
  ...saslResponseChecks,
  ...authTransportChecks,
  ...authParameterChecks,
  ...authRelayChecks,
  ...authPolicyChecks,
  ...authAttemptChecks,
];
