import { modelProperty } from '../../harness/model/model-run.js';
import { checkProperty } from '../../harness/model/property.js';
import { propertyVerdict } from '../../harness/model/verdict.js';
import { required } from '../../harness/setup.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.4 (order of commands) and §4.3.2 (command-reply sequences), with the extensions
// the target advertises: random but reproducible sessions, each reply's class held against a
// model of the session state machine. The model accepts every reply the RFC leaves to the server
// (250 or 501 for NOOP with an argument, 252 or 550 for VRFY, any policy refusal of a recipient)
// and follows whichever the server chose; a refused RCPT is the server's policy, never counted
// against the client. Hygiene: at most two protocol errors per connection, pipelining only where
// offered, nothing before the greeting.

export const sessionModelChecks = [
  defineCheck({
    id: 'prop/4.1.4/session-model',
    title: 'Runs random SMTP sessions (RFC 5321 §4.1.4, §4.3.2) generated from a model of the session: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, VRFY, HELP, QUIT and the advertised STARTTLS, AUTH, BDAT, PIPELINING, with valid and invalid arguments',
    requirement: 'Every reply MUST be of a class the command allows in the state the session is in (RCPT outside a transaction refused, RSET discards the transaction, a refused RCPT does not end it, DATA without an accepted recipient refused, ...)',
    level: 'MUST',
    catalog: [
      '5321-4.1.4-rcpt-before-mail',
      '5321-4.1.1.5-rset',
      '5321-4.1.4-second-ehlo-resets',
      '5321-4.1.4-bad-mail-argument',
      '5321-4.1.4-failed-ehlo-keeps-state',
      '5321-4.1.1.6-vrfy-expn-stateless',
      '5321-4.1.4-quit-anytime',
      '5321-4.3.2-reply-codes-per-command',
    ],
    run: async (s, ctx) => {
      required(s.greeting, 'greeting', [220]);
      const report = await checkProperty(s, ctx, modelProperty(ctx, { strict: true, maxCommands: 40, longLines: false }), { defaultRuns: 300 });
      return propertyVerdict(report, ['every reply of a class the model allows in its state']);
    },
  }),
];
