import { handshake, mailFrom, rcptTo } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { xtext } from './support.js';

// RFC 3461 §4.1-4.4 and §5.1: a DSN server takes RET and ENVID on MAIL and NOTIFY and ORCPT on RCPT;
// their presence or absence must not change the reply. Keywords and values are case-insensitive.

/** The reply must carry the same code as the command sent without DSN parameters. */
function sameAs(baseline: number, o: Outcome, what: string): Verdict {
  const actual = describeOutcome(o);
  if (o.kind === 'reply' && o.code === baseline) return pass([String(baseline)], actual);
  return violation([String(baseline)], actual, `${what}: the reply differs from the ${baseline} the command got without DSN parameters`);
}

export const parameterChecks = [
  defineCheck({
    id: 'rfc3461/4/parameters-accepted',
    title: 'Sends MAIL with RET/ENVID and RCPT with NOTIFY/ORCPT (upper and lower case), after the same commands without them',
    requirement: 'Valid DSN parameters MUST NOT change the reply: the server answers as it does without them',
    level: 'MUST',
    catalog: ['3461-4-parameters-accepted'],
    requires: ['DSN'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const mailCode = (await mailFrom(s, ctx)).code;
      const rcptCode = (await rcptTo(s, ctx)).code;
      await s.send('RSET');
      const orcpt = `ORCPT=rfc822;${xtext(ctx.rcpt)}`;
      const probes: ReadonlyArray<readonly [mail: string, rcpt: string]> = [
        ['RET=HDRS ENVID=QQ314159', `NOTIFY=SUCCESS,FAILURE ${orcpt}`],
        ['RET=full', 'NOTIFY=NEVER'],
        [`ENVID=${xtext(`smtpspec+${ctx.token}`)}`, 'NOTIFY=delay'],
      ];
      const parts: Array<{ probe: string; verdict: Verdict }> = [];
      for (const [mailParams, rcptParams] of probes) {
        const mail = await s.send(`MAIL FROM:<${ctx.sender}> ${mailParams}`);
        parts.push({ probe: mailParams, verdict: sameAs(mailCode, mail, `MAIL ${mailParams}`) });
        if (mail.kind !== 'reply' || mail.code !== 250) continue;
        const rcpt = await s.send(`RCPT TO:<${ctx.rcpt}> ${rcptParams}`);
        parts.push({ probe: rcptParams, verdict: sameAs(rcptCode, rcpt, `RCPT ${rcptParams}`) });
        await s.send('RSET');
        if (s.protocolErrors >= 2 || s.isClosed) break;
      }
      return worstOf(parts);
    },
  }),
];
