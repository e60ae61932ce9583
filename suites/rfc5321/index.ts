import type { Check } from '../../harness/check.js';
import { ehloHeloChecks } from './2.2.1-ehlo-helo.js';
import { bareLfChecks } from './2.3.8-bare-lf.js';
import { caseInsensitiveChecks } from './2.4-case-insensitive.js';
import { greetingChecks } from './3.1-greeting.js';
import { heloReplyChecks } from './3.2-helo-reply.js';
import { dataWithoutRecipientsChecks } from './3.3-data-without-recipients.js';
import { unknownCommandChecks } from './3.8-unknown-command.js';
import { ehloReplyGrammarChecks } from './4.1.1.1-ehlo-reply-grammar.js';
import { dataChecks } from './4.1.1.4-data.js';
import { rsetChecks } from './4.1.1.5-rset.js';
import { noopChecks } from './4.1.1.9-noop.js';
import { unknownParameterChecks } from './4.1.1.11-unknown-parameter.js';
import { nullReversePathChecks } from './4.1.2-null-reverse-path.js';
import { commandOrderChecks } from './4.1.4-command-order.js';
import { xCommandChecks } from './4.1.5-x-command.js';
import { replyGrammarChecks } from './4.2-reply-grammar.js';
import { postmasterChecks } from './4.5.1-postmaster.js';
import { transparencyChecks } from './4.5.2-transparency.js';
import { commandLineChecks } from './4.5.3.1.4-command-line.js';

/** RFC 5321 checks in section order. */
export const rfc5321Checks: readonly Check[] = [
  ...ehloHeloChecks,
  ...bareLfChecks,
  ...caseInsensitiveChecks,
  ...greetingChecks,
  ...heloReplyChecks,
  ...dataWithoutRecipientsChecks,
  ...unknownCommandChecks,
  ...ehloReplyGrammarChecks,
  ...dataChecks,
  ...rsetChecks,
  ...noopChecks,
  ...unknownParameterChecks,
  ...nullReversePathChecks,
  ...commandOrderChecks,
  ...xCommandChecks,
  ...replyGrammarChecks,
  ...postmasterChecks,
  ...transparencyChecks,
  ...commandLineChecks,
];
