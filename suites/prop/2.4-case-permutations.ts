import { caseDialogArbitrary, runCaseDialog } from '../../harness/model/case-dialog.js';
import { checkProperty } from '../../harness/model/property.js';
import { propertyVerdict } from '../../harness/model/verdict.js';
import { required } from '../../harness/setup.js';
import { defineCheck } from '../define.js';

// RFC 5321 §2.4: "Verbs and argument values (e.g., "TO:" or "to:" in the RCPT command and
// extension name keywords) are not case sensitive". Any spelling, not just upper and lower case:
// random dialogs are sent in upper case on one connection and with the case of every verb,
// FROM:/TO: and parameter name permuted on another, and each pair of replies must share a class.

export const casePermutationChecks = [
  defineCheck({
    id: 'prop/2.4/case-permutations',
    title: 'Sends random dialogs (RFC 5321 §2.4) twice, in upper case and with the case of verbs, FROM:/TO:, extension keywords and parameter names permuted',
    requirement: 'The server MUST take every spelling alike: each permuted command gets a reply of the same class as its upper-case form',
    level: 'MUST',
    catalog: ['5321-2.4-verbs-case-insensitive'],
    run: async (s, ctx) => {
      required(s.greeting, 'greeting', [220]);
      const report = await checkProperty(
        s,
        ctx,
        {
          arbitrary: caseDialogArbitrary(ctx, 10),
          run: async (dialog, env) => {
            const upper = await env.connect();
            const permuted = await env.connect();
            env.log.note('two connections: [upper] in upper case, [permuted] with permuted case');
            env.commands += await runCaseDialog(dialog, upper, permuted, env.log);
          },
        },
        { defaultRuns: 150 },
      );
      return propertyVerdict(report, ['the same reply class for every spelling']);
    },
  }),
];
