import { describeRouting } from '../harness/sink/routing.js';
import { startSink, type Sink, type SinkOptions } from '../harness/sink/sink.js';
import { PROFILE_NAMES } from '../harness/sink/profiles.js';
import type { SinkProfile } from '../harness/sink/types.js';
import { UsageError } from './usage.js';

// `smtpspec sink`: the relay sink on its own, for configuring a target's routing (and for
// `run --sink` against a target whose transport map points at fixed ports).

/** --sink-ports BASE: the profiles on BASE, BASE+1, ... in PROFILE_NAMES order; undefined: free ports. */
export function sinkPorts(base: number | undefined): SinkOptions['ports'] {
  if (base === undefined) return undefined;
  return Object.fromEntries(PROFILE_NAMES.map((p, i) => [p, base + i])) as Record<SinkProfile, number>;
}

export function parseSinkPortBase(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65535 - PROFILE_NAMES.length) {
    throw new UsageError(`--sink-ports needs a port number from 1 to ${65535 - PROFILE_NAMES.length}, not "${text}"`);
  }
  return Number(text);
}

export async function sinkCommand(args: readonly string[], out: NodeJS.WritableStream): Promise<number> {
  let base: number | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--sink-ports') base = parseSinkPortBase(args[++i]);
    else throw new UsageError(`unexpected argument "${args[i]}" (smtpspec sink [--sink-ports BASE])`);
  }
  const sink: Sink = await startSink({ ports: sinkPorts(base) });
  out.write(describeRouting(sink.host, sink.ports));
  out.write('Recording; Ctrl-C stops.\n');
  let seen = 0;
  // One line per transaction, so that whoever sets up routing sees mail arrive.
  const timer = setInterval(() => {
    const all = sink.transactions();
    for (const t of all.filter((x) => x.seq > seen)) {
      out.write(`${new Date(t.at).toISOString()} ${t.profile}: MAIL FROM:<${t.mailFrom}> ${t.mailParams.join(' ')} → ${t.rcpts.map((r) => `<${r.address}>`).join(' ')} (${t.raw.length} octets)\n`);
    }
    seen = all.at(-1)?.seq ?? seen;
  }, 250);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  clearInterval(timer);
  await sink.close();
  return 0;
}
