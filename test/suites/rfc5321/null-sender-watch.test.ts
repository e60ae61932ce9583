import { describe, expect, it } from 'vitest';
import { awaitRelayOrBounce, bounceSender, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../../harness/relay.js';
import { defineCheck } from '../../../suites/define.js';
import { watchNoNotification } from '../../../suites/rfc5321/null-sender-watch.js';
import { noBounceToNullSenderChecks } from '../../../suites/rfc5321/6.1-no-bounce-to-null-sender.js';
import { describeResults, runAgainstReference } from '../../support/reference-run.js';

// The null-sender watch behind rfc5321/6.1 and rfc3461/5.2 with a one-second window, so that its
// pass path runs here too (the real checks watch for two minutes, profile slow).

const [noBounce] = noBounceToNullSenderChecks;
const shortWatch = defineCheck({
  ...noBounce!,
  profile: 'default',
  run: async (s, ctx) => {
    const ok = sinkRecipient(ctx, 'full', 'relay');
    const refused = sinkRecipient(ctx, 'refuse', 'refused');
    const message = taggedMessage(ctx, { to: ok, from: bounceSender(ctx, 'notify'), body: 'a notification that must not be bounced\r\n' });
    requireAccepted(await submitForRelay(s, ctx, { from: '', rcpts: [ok, refused], content: dotStuffOctets(message) }));
    return watchNoNotification(ctx, await awaitRelayOrBounce(ctx), { copyFor: ok, watchMs: 1_000, noun: 'notification' });
  },
});

describe('watching for a notification to the null reverse-path', () => {
  it('passes the reference relay, which sends none', async () => {
    const results = await runAgainstReference([shortWatch]);
    expect(results.map((r) => r.grade), describeResults(results)).toEqual(['PASS']);
    expect(results[0]?.actual).toMatch(/no notification within 1000 ms after the copy/);
  });

  it('fails the mutant that bounces it', async () => {
    const results = await runAgainstReference([shortWatch], { mutant: 'bounces-null-sender' });
    expect(results.map((r) => r.grade), describeResults(results)).toEqual(['FAIL']);
    expect(results[0]?.reason).toMatch(/a notification was sent for a message with the null reverse-path/);
  });
});
