import type { CheckContext } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import { bounceSender, sinkOf, sinkRecipient, tagOf, taggedMessage } from '../../harness/relay.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { required } from '../../harness/setup.js';
import { pass, skip, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { passBarrier } from '../rfc5321/relay-barrier.js';
import { BOGUS_END_OF_DATA } from './4.1.1.4-end-of-data.js';

// RFC 5321 §4.1.1.4 and SEC Consult's SMTP smuggling (CVE-2023-51764/-51765/-51766), seen from the
// sink: whatever the target answers, the octets after a bogus end-of-data sequence must never
// become a second transaction. Each sequence goes in a transaction of its own, on a connection of
// its own (in parallel), followed by a smuggled MAIL/RCPT/DATA for a victim at the sink.

/** Wait for replies beyond the one to the real end of data (they only show in the transcript). */
const EXTRA_WAIT_MS = 150;

async function smuggle(s: Session, ctx: CheckContext, index: number, bytes: string, spoof: string, victim: string): Promise<string> {
  await handshake(s, ctx);
  const label = `legit${index}`;
  const to = sinkRecipient(ctx, 'full', label);
  required(await s.send(`MAIL FROM:<${bounceSender(ctx, label)}>`), 'MAIL');
  required(await s.send(`RCPT TO:<${to}>`), 'RCPT', [250, 251]);
  required(await s.send('DATA'), 'DATA', [354]);
  const smuggled = `MAIL FROM:<${spoof}>\r\nRCPT TO:<${victim}>\r\nDATA\r\nSubject: smuggled\r\n\r\nspoof\r\n`;
  await s.sendRaw(Buffer.concat([taggedMessage(ctx, { to, body: 'legitimate body line\r\n' }), Buffer.from(bytes + smuggled + 'after the bogus end\r\n.\r\n', 'latin1')]));
  const final = await s.read();
  const extra = await s.readExtra(EXTRA_WAIT_MS);
  await s.quit();
  s.close();
  return [final, ...extra].map(describeOutcome).join(' / ');
}

export const inboundSinkSmugglingChecks = [
  defineCheck({
    id: 'smuggling/4.1.1.4/inbound-no-second-message',
    title: `Sends ${BOGUS_END_OF_DATA.length} messages for relay to the sink, each with one bogus end-of-data sequence followed by a smuggled MAIL/RCPT/DATA for a victim at the sink, and watches the sink`,
    requirement: 'Octets after a bogus end-of-data sequence MUST NOT be executed as commands: no message from the spoofed sender or to the victim reaches the sink',
    level: 'MUST NOT',
    catalog: ['SMUG-inbound-no-second-message'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const spoof = `spoof-${ctx.token}@client.test`;
      const victim = sinkRecipient(ctx, 'full', 'victim');
      const sessions = [s, ...(await Promise.all(BOGUS_END_OF_DATA.slice(1).map(() => ctx.connect())))];
      const replies = await Promise.all(BOGUS_END_OF_DATA.map(({ bytes }, i) => smuggle(sessions[i]!, ctx, i, bytes, spoof, victim)));
      const barrier = await passBarrier(ctx);
      const victimTag = tagOf(ctx, 'victim');
      const all = sinkOf(ctx).transactions();
      const smuggled = all.filter((t) => t.mailFrom === spoof || t.rcpts.some((r) => r.address.includes(victimTag)));
      const copies = BOGUS_END_OF_DATA.map((_, i) => all.filter((t) => t.profile !== 'bounce' && t.rcpts.some((r) => r.address.includes(tagOf(ctx, `legit${i}`)))).length);
      const expected = ['at most one copy of each legitimate message at the sink, nothing from the spoofed sender or to the victim'];
      const actual = `${BOGUS_END_OF_DATA.map((v, i) => `${v.slug}: ${replies[i]}, ${copies[i]} cop${copies[i] === 1 ? 'y' : 'ies'}`).join('; ')}; ${barrier.summary}`;
      if (smuggled.length > 0) return violation(expected, `${actual}; smuggled transaction from <${smuggled[0]!.mailFrom}>`, 'a smuggled transaction reached the sink: the text after a bogus end of data was executed as commands');
      const doubled = copies.findIndex((n) => n > 1);
      if (doubled !== -1) return violation(expected, actual, `the message with ${BOGUS_END_OF_DATA[doubled]!.slug} arrived more than once`);
      if (!barrier.arrival) return skip(`the barrier message did not arrive, so the absence means nothing (${actual})`);
      return pass(expected, actual);
    },
  }),
];
