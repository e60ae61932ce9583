import { baselineWrite } from './baseline.js';
import { parseFlags } from './options.js';
import { UsageError } from './usage.js';

/** `smtpspec baseline write [--from reports/results.json]`: the baseline JSON on stdout. */
export async function baselineCommand(args: readonly string[], io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'write') throw new UsageError(sub === undefined ? 'baseline needs a subcommand: "smtpspec baseline write --from reports/results.json"' : `unknown baseline subcommand "${sub}" (only "write")`);
  const { values, positionals } = parseFlags(rest, { from: { type: 'string', default: 'reports/results.json' } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const { json, errors } = await baselineWrite(values.from as string);
  io.out.write(json);
  if (errors.length > 0) {
    io.err.write(
      `smtpspec: ${errors.length} ERROR result${errors.length === 1 ? ' is' : 's are'} not recorded (an ERROR means smtpspec could not tell, so it is never a known deviation; ` +
        `fix the cause or leave the check out with --exclude): ${errors.join(', ')}\n`,
    );
  }
  return 0;
}
