import type { Check } from '../../harness/check.js';
import { ehloHeloChecks } from './2.2.1-ehlo-helo.js';
import { bareLfChecks } from './2.3.8-bare-lf.js';
import { caseInsensitiveChecks } from './2.4-case-insensitive.js';
import { nonAsciiEnvelopeChecks } from './2.4-non-ascii-envelope.js';
import { localPartCaseChecks } from './2.4-localpart-case-relay.js';
import { greetingChecks } from './3.1-greeting.js';
import { heloReplyChecks } from './3.2-helo-reply.js';
import { dataWithoutRecipientsChecks } from './3.3-data-without-recipients.js';
import { contentNotJudgedChecks } from './3.3-content-not-judged.js';
import { spaceAfterColonChecks } from './3.3-space-after-colon.js';
import { vrfyReplyFormChecks } from './3.5.1-vrfy-reply-form.js';
import { expnAdvertisedChecks } from './3.5.2-expn-advertised.js';
import { vrfyNoFalse250Checks } from './3.5.3-vrfy-no-false-250.js';
import { relayDeniedChecks } from './3.6.2-relay-denied.js';
import { relayContentChecks } from './3.6.3-relay-content-unmodified.js';
import { traceFieldChecks } from './3.7.2-trace-fields.js';
import { unknownCommandChecks } from './3.8-unknown-command.js';
import { serverCloseChecks } from './3.8-server-close.js';
import { commandSyntaxChecks } from './4.1.1-command-syntax.js';
import { ehloReplyGrammarChecks } from './4.1.1.1-ehlo-reply-grammar.js';
import { optionalCommandsChecks } from './4.1.1.1-optional-commands.js';
import { paramsWithoutEhloChecks } from './4.1.1.2-params-without-ehlo.js';
import { dataChecks } from './4.1.1.4-data.js';
import { rsetChecks } from './4.1.1.5-rset.js';
import { vrfyExpnStatelessChecks } from './4.1.1.6-vrfy-expn-stateless.js';
import { helpChecks } from './4.1.1.8-help.js';
import { noopChecks } from './4.1.1.9-noop.js';
import { unknownParameterChecks } from './4.1.1.11-unknown-parameter.js';
import { nullReversePathChecks } from './4.1.2-null-reverse-path.js';
import { addressCharacterChecks } from './4.1.2-address-characters.js';
import { addressLiteralChecks } from './4.1.3-address-literals.js';
import { commandOrderChecks } from './4.1.4-command-order.js';
import { sessionStateChecks } from './4.1.4-session-state.js';
import { badMailArgumentChecks } from './4.1.4-bad-mail-argument.js';
import { xCommandChecks } from './4.1.5-x-command.js';
import { replyGrammarChecks } from './4.2-reply-grammar.js';
import { oneReplyChecks } from './4.2-one-reply-per-command.js';
import { replyTextAsciiChecks } from './4.2-reply-text-ascii.js';
import { knownCodesChecks } from './4.2.1-known-codes.js';
import { noAdvertised502Checks } from './4.2.4-no-advertised-502.js';
import { replyCodesPerCommandChecks } from './4.3.2-reply-codes-per-command.js';
import { receivedChecks } from './4.4-received.js';
import { receivedClauseChecks } from './4.4-received-clauses.js';
import { postmasterChecks } from './4.5.1-postmaster.js';
import { transparencyChecks } from './4.5.2-transparency.js';
import { relayTransparencyChecks } from './4.5.2-relay-transparency.js';
import { nullSenderRelayChecks } from './4.5.5-null-sender.js';
import { domainLengthChecks } from './4.5.3.1.2-domain-255.js';
import { commandLineChecks } from './4.5.3.1.4-command-line.js';
import { replyLineChecks } from './4.5.3.1.5-reply-line-512.js';
import { messageSizeChecks } from './4.5.3.1.7-message-64k.js';
import { tooManyRecipientsChecks } from './4.5.3.1.10-too-many-recipients.js';
import { serverTimeoutChecks } from './4.5.3.2.7-server-timeout.js';
import { concurrentSessionChecks } from './4.5.4.2-concurrent-sessions.js';
import { noBounceToNullSenderChecks } from './6.1-no-bounce-to-null-sender.js';
import { vrfyDisabledChecks } from './7.3-vrfy-disabled.js';
import { noOpenRelayChecks } from './7.9-no-open-relay.js';
import { bounceAfterAcceptanceChecks } from './3.6.3-bounce-after-acceptance.js';
import { deliveryResponsibilityChecks } from './4.2.5-delivery.js';
import { abortOnDisconnectChecks } from './4.1.1.10-abort-on-disconnect.js';
import { noExtraCrlfChecks } from './4.1.1.4-no-extra-crlf.js';
import { allAsciiChecks } from './4.5.2-all-ascii.js';
import { textLineChecks } from './4.5.3.1.6-text-lines.js';
import { quotedLocalPartRelayChecks } from './4.1.2-quoted-local-part-relay.js';
import { sourceRouteRelayChecks } from './4.1.1.3-source-route-relay.js';
import { pathLimitRelayChecks } from './4.5.3.1-path-limits-relay.js';
import { recipientsRelayChecks } from './4.5.3.1.8-recipients-relay.js';
import { relayNoFixupChecks } from './6.4-relay-no-fixups.js';
import { loopDetectionChecks } from './6.3-loop-detection.js';
import { eightBitWithoutNegotiationChecks } from './2.4-8bit-without-negotiation.js';

/** RFC 5321 checks in section order. */
export const rfc5321Checks: readonly Check[] = [
  ...ehloHeloChecks,
  ...bareLfChecks,
  ...caseInsensitiveChecks,
  ...nonAsciiEnvelopeChecks,
  ...eightBitWithoutNegotiationChecks,
  ...localPartCaseChecks,
  ...greetingChecks,
  ...heloReplyChecks,
  ...dataWithoutRecipientsChecks,
  ...contentNotJudgedChecks,
  ...spaceAfterColonChecks,
  ...vrfyReplyFormChecks,
  ...expnAdvertisedChecks,
  ...vrfyNoFalse250Checks,
  ...relayDeniedChecks,
  ...relayContentChecks,
  ...bounceAfterAcceptanceChecks,
  ...traceFieldChecks,
  ...unknownCommandChecks,
  ...serverCloseChecks,
  ...commandSyntaxChecks,
  ...ehloReplyGrammarChecks,
  ...optionalCommandsChecks,
  ...paramsWithoutEhloChecks,
  ...sourceRouteRelayChecks,
  ...dataChecks,
  ...noExtraCrlfChecks,
  ...rsetChecks,
  ...vrfyExpnStatelessChecks,
  ...helpChecks,
  ...noopChecks,
  ...abortOnDisconnectChecks,
  ...unknownParameterChecks,
  ...nullReversePathChecks,
  ...addressCharacterChecks,
  ...quotedLocalPartRelayChecks,
  ...addressLiteralChecks,
  ...commandOrderChecks,
  ...sessionStateChecks,
  ...badMailArgumentChecks,
  ...xCommandChecks,
  ...replyGrammarChecks,
  ...oneReplyChecks,
  ...replyTextAsciiChecks,
  ...knownCodesChecks,
  ...noAdvertised502Checks,
  ...deliveryResponsibilityChecks,
  ...replyCodesPerCommandChecks,
  ...receivedChecks,
  ...receivedClauseChecks,
  ...postmasterChecks,
  ...transparencyChecks,
  ...relayTransparencyChecks,
  ...allAsciiChecks,
  ...pathLimitRelayChecks,
  ...domainLengthChecks,
  ...commandLineChecks,
  ...replyLineChecks,
  ...messageSizeChecks,
  ...textLineChecks,
  ...recipientsRelayChecks,
  ...tooManyRecipientsChecks,
  ...serverTimeoutChecks,
  ...concurrentSessionChecks,
  ...noBounceToNullSenderChecks,
  ...loopDetectionChecks,
  ...relayNoFixupChecks,
  ...nullSenderRelayChecks,
  ...vrfyDisabledChecks,
  ...noOpenRelayChecks,
];
