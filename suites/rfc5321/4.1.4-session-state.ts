import { handshake, mailFrom, simpleMessage } from '../../harness/dialog.js';
import { describeOutcome, isClass, type Outcome } from '../../harness/session/outcome.js';
import { required } from '../../harness/setup.js';
import { expectReply, inconclusive, info, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { transactionProbes, type Probe } from './support.js';

// RFC 5321 §4.1.4: the state of a session around EHLO - a refused EHLO changes nothing, a session
// that carries mail starts with EHLO/HELO (a client obligation), the utility commands work at any
// time, and the EHLO name may be checked but never be a reason to refuse the mail.

export const sessionStateChecks = [
  // §4.1.4: after refusing an EHLO the server MUST stay in the state it was in.
  defineCheck({
    id: 'rfc5321/4.1.4/failed-ehlo-keeps-state',
    title: 'Sends EHLO, MAIL, then EHLO without argument (refused), then RCPT, DATA and a message',
    requirement: 'A refused EHLO MUST leave the session as it was: the open transaction goes on (RCPT 250, DATA 354, 250)',
    level: 'MUST',
    catalog: ['5321-4.1.4-failed-ehlo-keeps-state'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx);
      const bad = await s.send('EHLO');
      if (bad.kind !== 'reply' || bad.code === 250) {
        return inconclusive(['EHLO without argument refused'], describeOutcome(bad), 'the server did not refuse the EHLO without argument: there is no failed EHLO to observe');
      }
      const after = ' after the refused EHLO';
      const probes: Probe[] = [];
      const rcpt = await s.send(`RCPT TO:<${ctx.rcpt}>`);
      probes.push({ probe: 'RCPT', verdict: expectReply(rcpt, { class: 'ok', preferred: [250, 251] }, `RCPT${after}`) });
      if (isClass(rcpt, 'ok')) {
        const data = await s.send('DATA');
        probes.push({ probe: 'DATA', verdict: expectReply(data, { class: 'intermediate', preferred: [354] }, `DATA${after}`) });
        if (isClass(data, 'intermediate')) {
          await s.sendRaw(Buffer.from(simpleMessage(ctx), 'utf8'));
          await s.sendRaw('.\r\n');
          probes.push({ probe: 'end of data', verdict: expectReply(await s.read(), { class: 'ok', preferred: [250] }, `message${after}`) });
        }
      }
      return worstOf(probes);
    },
  }),

  // §4.1.4: the client MUST open a mail session with EHLO/HELO; servers usually refuse MAIL before
  // it (503), but accepting it is conformant too (catalog ambiguity 8): recorded.
  defineCheck({
    id: 'rfc5321/4.1.4/ehlo-before-mail',
    title: 'Sends MAIL right after the greeting, without EHLO or HELO',
    requirement: 'A mail session starts with EHLO/HELO (a client obligation); the server refuses MAIL before it (503) or accepts it (recorded)',
    level: 'INFO',
    catalog: ['5321-4.1.4-ehlo-before-mail'],
    run: async (s, ctx) => {
      required(s.greeting, 'greeting', [220]);
      const mail = await s.send(`MAIL FROM:<${ctx.sender}>`);
      const expected = ['503', '250 (tolerant, recorded)'];
      const actual = describeOutcome(mail);
      if (mail.kind === 'reply' && mail.code === 503) return pass(expected, actual);
      if (isClass(mail, 'ok')) {
        await s.send('RSET');
        return info(expected, actual, 'MAIL before EHLO/HELO accepted');
      }
      return violation(expected, actual, `MAIL before EHLO/HELO: ${actual} (503 is the code for a bad sequence)`);
    },
  }),

  // §4.1.4: NOOP, HELP, EXPN, VRFY and RSET may be used at any time, before EHLO too, and SHOULD
  // then be processed normally, not refused with 503.
  defineCheck({
    id: 'rfc5321/4.1.4/utility-commands-before-ehlo',
    title: 'Right after the greeting sends NOOP, RSET, HELP and VRFY postmaster, then QUIT',
    requirement: 'The server SHOULD process NOOP, RSET, HELP and VRFY before EHLO (NOOP/RSET 250; none of them 503)',
    level: 'SHOULD',
    catalog: ['5321-4.1.4-nonmail-cmds-before-ehlo'],
    run: async (s) => {
      required(s.greeting, 'greeting', [220]);
      const probes: Probe[] = [];
      for (const line of ['NOOP', 'RSET', 'HELP', 'VRFY postmaster']) {
        const outcome = await s.send(line);
        probes.push({ probe: line, verdict: gradeBeforeEhlo(line, outcome) });
        if (outcome.kind !== 'reply') break;
      }
      if (!s.isClosed) await s.send('QUIT');
      return worstOf(probes);
    },
  }),

  // §4.1.4 (with §2.3.5): the server MAY check the EHLO name against the client's address but MUST
  // NOT refuse the mail because the check fails. Graded warn: widely configured policy (catalog).
  defineCheck({
    id: 'rfc5321/4.1.4/ehlo-mismatch-not-fatal',
    title: 'Sends EHLO example.com (not the client\'s name or address), then a complete transaction',
    requirement: 'The server MUST NOT refuse the mail because the EHLO name does not match the client',
    level: 'MUST NOT',
    severity: 'warn',
    severityNote: 'refusing mismatched HELO names is a widely configured policy (catalog)',
    catalog: ['5321-4.1.4-ehlo-mismatch-not-fatal'],
    run: async (s, ctx) => {
      required(s.greeting, 'greeting', [220]);
      const ehlo = await s.ehlo('example.com');
      const probes: Probe[] = [{ probe: 'EHLO example.com', verdict: expectReply(ehlo, { class: 'ok', preferred: [250] }, 'EHLO example.com') }];
      if (isClass(ehlo, 'ok')) probes.push(...(await transactionProbes(s, ctx, { mail: `MAIL FROM:<${ctx.sender}>`, rcpt: `RCPT TO:<${ctx.rcpt}>`, data: 'DATA' }, ' after EHLO example.com')));
      return worstOf(probes);
    },
  }),
];

function gradeBeforeEhlo(line: string, outcome: Outcome): Verdict {
  const simple = line === 'NOOP' || line === 'RSET';
  const expected = simple ? ['250'] : ['any reply but 503'];
  const actual = describeOutcome(outcome);
  if (outcome.kind !== 'reply') return violation(expected, actual, `${line} before EHLO: ${actual}`);
  if (outcome.code === 503) return violation(expected, actual, `${line} refused with 503 before EHLO: it may be used at any time`);
  if (simple && outcome.code !== 250) return violation(expected, actual, `${line} before EHLO answered ${outcome.code}`);
  return pass(expected, actual);
}
