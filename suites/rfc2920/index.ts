import type { Check } from '../../harness/check.js';
import { keywordChecks } from './2-keyword.js';
import { contentFirstChecks } from './3.1-content-first-in-group.js';
import { flushingChecks } from './3.2-flushing.js';
import { replyOrderChecks } from './3.2-reply-order.js';
import { replyTextChecks } from './3.2-reply-text.js';
import { noDeliveryEmptyMessageChecks } from './3.2-no-delivery-empty-message.js';

/** rfc2920 checks in section order. */
export const rfc2920Checks: readonly Check[] = [...keywordChecks, ...contentFirstChecks, ...replyOrderChecks, ...replyTextChecks, ...flushingChecks, ...noDeliveryEmptyMessageChecks];
