import type { Check } from '../../harness/check.js';
import { smtputf8KeywordChecks } from './3.1-keyword.js';
import { utf8MailboxChecks } from './3.2-utf8-mailboxes.js';
import { relayUtf8Checks } from './3.2-relay.js';
import { invalidUtf8Checks } from './3.3-invalid-utf8.js';
import { smtputf8ParameterChecks } from './3.4-smtputf8-parameter.js';
import { smtputf8EnhancedCodeChecks } from './3.5-enhanced-code.js';
import { ehloAsciiDomainChecks } from './3.7.1-ehlo-domain.js';
import { postDataRefusalChecks } from './3.5-post-data-refusal.js';
import { traceFieldUtf8Checks } from './3.7.3-trace-fields.js';
import { asciiReplyChecks } from './3.7.4-ascii-replies.js';

/** rfc6531 checks in section order. */
export const rfc6531Checks: readonly Check[] = [
  ...smtputf8KeywordChecks,
  ...utf8MailboxChecks,
  ...relayUtf8Checks,
  ...invalidUtf8Checks,
  ...smtputf8ParameterChecks,
  ...smtputf8EnhancedCodeChecks,
  ...postDataRefusalChecks,
  ...ehloAsciiDomainChecks,
  ...traceFieldUtf8Checks,
  ...asciiReplyChecks,
];
