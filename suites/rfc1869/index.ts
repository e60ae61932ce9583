import type { Check } from '../../harness/check.js';
import { extendedLineLengthChecks } from './4.1.2-extended-line-length.js';
import { ehloReplyCodeChecks } from './4.2-ehlo-reply-codes.js';
import { ehloKeywordChecks } from './4.3-ehlo-keywords.js';
import { ehloBadArgumentChecks } from './4.5-ehlo-bad-argument.js';
import { heloAfterFailedEhloChecks } from './4.6-helo-after-failed-ehlo.js';
import { noDisconnectOnEhloChecks } from './4.7-no-disconnect-on-ehlo.js';
import { esmtpParamSyntaxChecks } from './6-esmtp-param-syntax.js';
import { unknownParameterChecks } from './6.1-unknown-parameter.js';
import { receivedWithEsmtpChecks } from './7-received-with-esmtp.js';

/** rfc1869 checks in section order. */
export const rfc1869Checks: readonly Check[] = [
  ...extendedLineLengthChecks,
  ...ehloReplyCodeChecks,
  ...ehloKeywordChecks,
  ...ehloBadArgumentChecks,
  ...heloAfterFailedEhloChecks,
  ...noDisconnectOnEhloChecks,
  ...esmtpParamSyntaxChecks,
  ...unknownParameterChecks,
  ...receivedWithEsmtpChecks,
];
