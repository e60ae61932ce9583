import type { CheckContext } from '../../harness/check.js';
import { awaitRelayOrBounce, bounceSender, describeRefusal, describeWait, dotStuffOctets, requireAccepted, sinkOf, sinkRecipient, taggedMessage } from '../../harness/relay.js';
import { dsnRecipients, paramValue, reportsOn, submitEnvelope, submitWithParams } from '../../harness/relay-envelope.js';
import type { SinkTransaction } from '../../harness/sink/types.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { watchNoNotification } from '../rfc5321/null-sender-watch.js';

// RFC 3461 §5.2: what a DSN-capable relay does with the DSN parameters. Towards a hop that offers
// DSN they go on unchanged (§5.2.1); towards one that does not they are dropped, and the relay
// itself reports "relayed" for NOTIFY=SUCCESS and stays silent for NOTIFY=NEVER (§5.2.2); never a
// report for the null reverse-path (§5.2 note). Absence is watched for a bounded window.

/** After the last expected arrival, how long to watch for a notification that must not come. */
const WATCH_MS = 3_000;
/** The slow profile's watch for the null-sender check (bounces come from a queue run, like rfc5321/6.1). */
const SLOW_WATCH_MS = 120_000;

const DSN_PARAMS = ['RET', 'ENVID', 'NOTIFY', 'ORCPT'];

/** Notifications at the bounce catcher for one tagged reverse-path. */
function reportsTo(ctx: CheckContext, sender: string): SinkTransaction[] {
  return sinkOf(ctx).transactions().filter((t) => t.profile === 'bounce' && t.rcpts.some((r) => r.address.toLowerCase() === sender.toLowerCase()));
}

function describeParams(t: SinkTransaction): string {
  return `MAIL ${t.mailParams.join(' ') || '(no parameters)'}; ${t.rcpts.map((r) => `RCPT <${r.address}> ${r.params.join(' ') || '(no parameters)'}`).join('; ')}`;
}

export const relayDsnChecks = [
  defineCheck({
    id: 'rfc3461/5.2.1/relay-preserves-parameters',
    title: 'Relays two messages to the DSN-capable sink: one with RET=HDRS ENVID=Env+2BId-42 and NOTIFY=SUCCESS,DELAY ORCPT=rfc822;MixedCase@Sink.Test, one without DSN parameters',
    requirement: 'A relay MUST pass ENVID, RET, NOTIFY and ORCPT on unchanged to a DSN-capable next hop and MUST NOT invent them; an added ORCPT may only carry the recipient address received',
    level: 'MUST',
    catalog: ['3461-5.2.1-relay-preserves-parameters'],
    requires: ['DSN'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const withTo = sinkRecipient(ctx, 'full', 'with');
      const withoutTo = sinkRecipient(ctx, 'full', 'without');
      const orcpt = 'rfc822;MixedCase@Sink.Test';
      const first = await submitWithParams(s, ctx, {
        from: bounceSender(ctx, 'with'),
        mailParams: ['RET=HDRS', 'ENVID=Env+2BId-42'],
        rcpts: [{ address: withTo, params: ['NOTIFY=SUCCESS,DELAY', `ORCPT=${orcpt}`] }],
        content: dotStuffOctets(taggedMessage(ctx, { to: withTo, body: 'DSN parameters relayed\r\n' })),
      });
      requireAccepted(first);
      requireAccepted(await submitEnvelope(s, { from: bounceSender(ctx, 'without'), rcpts: [{ address: withoutTo }], content: dotStuffOctets(taggedMessage(ctx, { to: withoutTo, body: 'no DSN parameters\r\n' })) }));
      const [a, b] = await Promise.all([awaitRelayOrBounce(ctx, 'with'), awaitRelayOrBounce(ctx, 'without')]);
      const expected = [`first: RET=HDRS ENVID=Env+2BId-42, NOTIFY=SUCCESS,DELAY ORCPT=${orcpt} at the sink`, `second: no RET, ENVID or NOTIFY; ORCPT absent or rfc822;<${withoutTo}>`];
      if (!a.delivered || !b.delivered) return inconclusive(expected, `first ${describeWait(ctx, a)}, second ${describeWait(ctx, b)}`, 'a copy did not reach the sink, so the parameters could not be read');
      const actual = `first: ${describeParams(a.delivered)}; second: ${describeParams(b.delivered)}`;
      const problems: string[] = [];
      const mailA = a.delivered.mailParams;
      const rcptA = a.delivered.rcpts.find((r) => r.address.toLowerCase() === withTo.toLowerCase())?.params ?? [];
      if (paramValue(mailA, 'RET')?.toUpperCase() !== 'HDRS') problems.push('RET=HDRS not passed on');
      if (paramValue(mailA, 'ENVID') !== 'Env+2BId-42') problems.push('ENVID not passed on unchanged');
      const notify = new Set((paramValue(rcptA, 'NOTIFY') ?? '').toUpperCase().split(','));
      if (notify.size !== 2 || !notify.has('SUCCESS') || !notify.has('DELAY')) problems.push('NOTIFY=SUCCESS,DELAY not passed on');
      const orcptA = paramValue(rcptA, 'ORCPT');
      // The addr-type is an atom (any case); the address is passed on identically, letter case and all.
      if (orcptA === undefined || orcptA.slice(0, 7).toLowerCase() !== 'rfc822;' || orcptA.slice(7) !== orcpt.slice(7)) problems.push(`ORCPT not passed on identically (${orcptA ?? 'absent'})`);
      const mailB = b.delivered.mailParams;
      const rcptB = b.delivered.rcpts.find((r) => r.address.toLowerCase() === withoutTo.toLowerCase())?.params ?? [];
      for (const k of ['RET', 'ENVID']) if (paramValue(mailB, k) !== undefined) problems.push(`${k} invented on the second message`);
      if (paramValue(rcptB, 'NOTIFY') !== undefined) problems.push('NOTIFY invented on the second message');
      const orcptB = paramValue(rcptB, 'ORCPT');
      if (orcptB !== undefined && orcptB.toLowerCase() !== `rfc822;${withoutTo}`.toLowerCase()) problems.push(`ORCPT invented with another address (${orcptB})`);
      return problems.length === 0 ? pass(expected, actual) : violation(expected, actual, problems.join('; '));
    },
  }),
  defineCheck({
    id: 'rfc3461/5.2.2/non-dsn-next-hop',
    title: 'Relays to nodsn.sink.test (no DSN): one recipient with NOTIFY=SUCCESS, reject-me@ (refused by the hop) with NOTIFY=NEVER, one without NOTIFY',
    requirement: 'Towards a hop without DSN the relay MUST NOT send DSN parameters, MUST report "relayed" for NOTIFY=SUCCESS and MUST NOT report on a NOTIFY=NEVER recipient',
    level: 'MUST',
    catalog: ['3461-5.2.2-non-dsn-next-hop'],
    requires: ['DSN'],
    needs: ['sink'],
    timeoutMs: 120_000,
    run: async (s, ctx) => {
      const sender = bounceSender(ctx, 'nodsn');
      const ok = sinkRecipient(ctx, 'noDsn', 'ok');
      const never = `reject-me@${sinkOf(ctx).domains.noDsn}`;
      const plain = sinkRecipient(ctx, 'noDsn', 'plain');
      const sub = await submitWithParams(s, ctx, {
        from: sender,
        rcpts: [{ address: ok, params: ['NOTIFY=SUCCESS'] }, { address: never, params: ['NOTIFY=NEVER'] }, { address: plain }],
        content: dotStuffOctets(taggedMessage(ctx, { to: ok, body: 'relayed to a hop without DSN\r\n' })),
      });
      requireAccepted(sub);
      const arrival = await awaitRelayOrBounce(ctx, 'ok');
      const expected = ['no DSN parameters at the sink', `one report to <${sender}> with Action: relayed for <${ok}>`, `no report on <${never}> (NEVER) or <${plain}> (accepted)`];
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, describeWait(ctx, arrival), 'the copy did not reach the sink');
      const sent = [...t.mailParams, ...t.rcpts.flatMap((r) => r.params)].filter((p) => DSN_PARAMS.includes(p.split('=')[0]!.toUpperCase()));
      if (sent.length > 0) return violation(expected, `${describeWait(ctx, arrival)}; ${describeParams(t)}`, `DSN parameters sent to a hop that does not offer DSN: ${sent.join(' ')}`);
      const relayed = await sinkOf(ctx).waitFor((x) => reportsTo(ctx, sender).includes(x) && dsnRecipients(x).some((r) => reportsOn(r, ok)));
      await new Promise((r) => setTimeout(r, WATCH_MS));
      const reports = reportsTo(ctx, sender).flatMap((x) => dsnRecipients(x));
      const actual = `${describeWait(ctx, arrival)}; ${describeParams(t)}; reports: ${reports.map((r) => `${r.get('final-recipient')} ${r.get('action')}`).join(', ') || 'none'}`;
      if (reports.some((r) => reportsOn(r, never))) return violation(expected, actual, 'a report on the NOTIFY=NEVER recipient');
      if (reports.some((r) => reportsOn(r, plain))) return violation(expected, actual, 'a report on the recipient without NOTIFY, which the hop accepted');
      if (!relayed) return violation(expected, actual, `no "relayed" report for the NOTIFY=SUCCESS recipient within ${sinkOf(ctx).waitMs} ms`);
      const action = reports.find((r) => reportsOn(r, ok))?.get('action')?.toLowerCase();
      return action === 'relayed' ? pass(expected, actual) : violation(expected, actual, `the report on the NOTIFY=SUCCESS recipient says Action: ${action}, not relayed`);
    },
  }),
  defineCheck({
    id: 'rfc3461/5.2/no-dsn-for-null-sender',
    title: 'Sends MAIL FROM:<> with NOTIFY=SUCCESS,FAILURE to one recipient at nodsn.sink.test and one at refuse.sink.test, header From at the bounce catcher',
    requirement: 'A DSN MUST NOT be returned for a message with the null reverse-path, whatever NOTIFY asks and wherever an address might be found (absence is watched for a bounded window)',
    level: 'MUST NOT',
    catalog: ['3461-5.2-no-dsn-for-null-sender'],
    requires: ['DSN'],
    needs: ['sink'],
    profile: 'slow',
    timeoutMs: SLOW_WATCH_MS + 120_000,
    run: async (s, ctx) => {
      const ok = sinkRecipient(ctx, 'noDsn', 'relay');
      const refused = sinkRecipient(ctx, 'refuse', 'refused');
      const message = taggedMessage(ctx, { to: ok, from: bounceSender(ctx, 'notify'), body: 'no report may come back for this\r\n' });
      const notify = ['NOTIFY=SUCCESS,FAILURE'];
      const sub = await submitWithParams(s, ctx, { from: '', rcpts: [{ address: ok, params: notify }, { address: refused, params: notify }], content: dotStuffOctets(message) });
      if (!sub.accepted) return inconclusive(['the message accepted and relayed'], describeRefusal(sub), 'the target did not take the message with the null reverse-path');
      return watchNoNotification(ctx, await awaitRelayOrBounce(ctx), { copyFor: ok, watchMs: SLOW_WATCH_MS, noun: 'DSN' });
    },
  }),
  defineCheck({
    id: 'rfc3461/4.1/success-dsn',
    title: 'Sends MAIL FROM:<tag@bounce.test> ENVID=E1 RET=HDRS and RCPT TO:<the local mailbox> NOTIFY=SUCCESS',
    requirement: 'NOTIFY=SUCCESS asks for a "delivered" DSN carrying the ENVID, with the headers only (recorded: local delivery agents differ)',
    level: 'INFO',
    catalog: ['3461-4.1-success-dsn'],
    requires: ['DSN'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const sender = bounceSender(ctx, 'success');
      const sub = await submitWithParams(s, ctx, {
        from: sender,
        mailParams: ['ENVID=E1', 'RET=HDRS'],
        rcpts: [{ address: ctx.rcpt, params: ['NOTIFY=SUCCESS'] }],
        content: dotStuffOctets(taggedMessage(ctx, { to: ctx.rcpt, body: 'a success report is asked for\r\n' })),
      });
      requireAccepted(sub);
      const expected = [`a multipart/report DSN to <${sender}> with Action: delivered, Original-Envelope-Id: E1, headers only`];
      const t = await sinkOf(ctx).waitFor((x) => reportsTo(ctx, sender).includes(x));
      if (!t) return inconclusive(expected, `no report within ${sinkOf(ctx).waitMs} ms`, 'no success DSN arrived (local delivery agents differ; recorded only)');
      const text = t.content.toString('latin1');
      const action = dsnRecipients(t).find((r) => reportsOn(r, ctx.rcpt))?.get('action')?.toLowerCase();
      const envid = /^Original-Envelope-Id:\s*(\S+)/im.exec(text)?.[1];
      const bodyReturned = text.includes('a success report is asked for');
      const actual = `a report: Action ${action ?? '(none for the recipient)'}, Original-Envelope-Id ${envid ?? '(none)'}, ${bodyReturned ? 'the body returned' : 'headers only'}`;
      const problems = [action !== 'delivered' && action !== 'relayed' && action !== 'expanded' ? 'no delivered action' : '', envid !== 'E1' ? 'no Original-Envelope-Id: E1' : '', bodyReturned ? 'the body returned despite RET=HDRS' : ''].filter(Boolean);
      return problems.length === 0 ? pass(expected, actual) : violation(expected, actual, problems.join('; '));
    },
  }),
];
