import { parseArgs } from 'node:util';
import { PROFILES } from '../harness/sink/profiles.js';
import { describeRouting, transportLine } from '../harness/sink/routing.js';
import { probeRouting, TargetUnreachable, type ProbeResult, type RoutingReport } from '../harness/sink/routing-probe.js';
import { DEFAULT_SINK_WAIT_MS, startSink, type Sink } from '../harness/sink/sink.js';
import { plainEndpoint, type Endpoint } from '../harness/target.js';
import { positiveInt } from './options.js';
import { startReferenceTarget } from './reference-target.js';
import { EXIT_FAILED, EXIT_OK, EXIT_UNREACHABLE } from './run.js';
import { parseSinkPortBase, sinkPorts } from './sink-command.js';
import { parseTargetArg, UsageError } from './usage.js';

// `smtpspec doctor --target X`: is the target routed to the relay sink? Starts the sink (and the
// target, for reference/postfix/exim), sends one probe per sink profile and says, per profile,
// whether it arrived at the right listener, at another one, or not at all - with the
// transport-map line the target needs. Exit 0 when every profile is routed, 1 otherwise.

export interface DoctorOptions {
  readonly target: string;
  readonly mutant: string | undefined;
  readonly sinkPortBase: number | undefined;
  readonly sinkWaitMs: number;
  readonly timeoutMs: number;
  readonly heloName: string;
}

const HELP = 'smtpspec doctor --target <reference | postfix | exim | smtp://host:port> [--mutant NAME] [--sink-ports BASE] [--sink-wait MS]';

export function parseDoctorOptions(args: readonly string[]): DoctorOptions {
  let values: Record<string, string | undefined>;
  try {
    const parsed = parseArgs({
      args: [...args],
      options: {
        target: { type: 'string' },
        mutant: { type: 'string' },
        'sink-ports': { type: 'string' },
        'sink-wait': { type: 'string' },
        timeout: { type: 'string' },
        'helo-name': { type: 'string' },
      },
      allowPositionals: false,
      strict: true,
    });
    values = parsed.values as Record<string, string | undefined>;
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} (${HELP})`);
  }
  if (values.target === undefined) throw new UsageError(`doctor needs --target (${HELP})`);
  if (values.mutant !== undefined && values.target !== 'reference') throw new UsageError('--mutant works only with --target reference');
  return {
    target: values.target,
    mutant: values.mutant,
    sinkPortBase: parseSinkPortBase(values['sink-ports']),
    sinkWaitMs: values['sink-wait'] === undefined ? DEFAULT_SINK_WAIT_MS : positiveInt('--sink-wait', values['sink-wait'], 1, 3_600_000),
    timeoutMs: values.timeout === undefined ? 10_000 : positiveInt('--timeout', values.timeout, 1, 600_000),
    heloName: values['helo-name'] ?? 'client.test',
  };
}

export async function doctorCommand(args: readonly string[], io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): Promise<number> {
  const opts = parseDoctorOptions(args);
  const { isLocalTargetName, startLocalTargetByName } = await import('./local-target.js');
  const local = isLocalTargetName(opts.target);
  let endpoint: Endpoint | undefined;
  if (!local && opts.target !== 'reference') endpoint = parseTargetArg(opts.target);
  let stopTarget: (() => Promise<void>) | undefined;
  const sink: Sink = await startSink({ waitMs: opts.sinkWaitMs, ports: sinkPorts(opts.sinkPortBase) });
  try {
    if (opts.target === 'reference') {
      const reference = await startReferenceTarget(opts.mutant, sink.routes);
      stopTarget = () => reference.close();
      endpoint = plainEndpoint(opts.mutant ? `reference (mutant ${opts.mutant})` : 'reference', reference);
    } else if (local) {
      // postfix, exim …: started on a free port with the sink's domains routed to it, as run does.
      const started = await startLocalTargetByName(opts.target, { relayRoutes: sink.routes });
      stopTarget = () => started.stop();
      endpoint = started.endpoint;
    }
    const target = endpoint!;
    io.out.write(`smtpspec doctor: ${target.name} (${target.url}) → relay sink on ${sink.host}, waiting up to ${opts.sinkWaitMs} ms per probe\n\n`);
    let report: RoutingReport;
    try {
      report = await probeRouting({ endpoint: target, sink, waitMs: opts.sinkWaitMs, replyTimeoutMs: opts.timeoutMs, heloName: opts.heloName });
    } catch (err) {
      if (!(err instanceof TargetUnreachable)) throw err;
      io.err.write(`smtpspec: target unreachable: ${err.message}\n`);
      return EXIT_UNREACHABLE;
    }
    io.out.write(renderDoctor(report, sink));
    return report.probes.every((p) => p.status === 'routed') ? EXIT_OK : EXIT_FAILED;
  } finally {
    await stopTarget?.();
    await sink.close();
  }
}

/** One line per profile, the bounce line, the tally; the whole routing table when something is wrong. */
function renderDoctor(report: RoutingReport, sink: Pick<Sink, 'host' | 'ports'>): string {
  const lines = report.probes.map((p) => {
    const domain = PROFILES[p.profile].domain;
    const head = `${p.status === 'routed' ? '✔' : '×'} ${p.profile.padEnd(9)} ${domain.padEnd(19)} `;
    return head + describeProbe(p, sink);
  });
  const bounce = report.bounce;
  if (bounce) {
    lines.push(
      bounce.arrivedMs !== undefined
        ? `  bounce: the target's notification for the refused probe reached the bounce catcher in ${bounce.arrivedMs} ms`
        : `  bounce: no notification for the refused probe within ${bounce.waitedMs} ms (not counted: a target may bounce later)`,
    );
  }
  const routed = report.probes.filter((p) => p.status === 'routed');
  const times = routed.map((p) => (p.status === 'routed' ? p.ms : 0)).sort((a, b) => a - b);
  const median = times.length ? times[Math.floor((times.length - 1) / 2)] : undefined;
  lines.push('', `${routed.length}/${report.probes.length} profiles routed${median !== undefined ? ` (median arrival ${median} ms)` : ''}`);
  if (routed.length < report.probes.length) lines.push('', describeRouting(sink.host, sink.ports).trimEnd());
  return lines.join('\n') + '\n';
}

function describeProbe(p: ProbeResult, sink: Pick<Sink, 'host' | 'ports'>): string {
  const hint = `the target needs: ${transportLine(sink.host, sink.ports, p.profile)}`;
  switch (p.status) {
    case 'routed':
      return `routed OK: arrived at ${sink.host}:${sink.ports[p.profile]} after ${p.ms} ms`;
    case 'wrong-profile':
      return `arrived at the wrong profile: ${p.arrivedAt} (${sink.host}:${sink.ports[p.arrivedAt]}) after ${p.ms} ms; ${hint}`;
    case 'not-arrived':
      return `not arrived within ${p.waitedMs} ms; ${hint}`;
    case 'refused':
      return `refused by the target at ${p.step}: ${p.outcome}; relay ${PROFILES[p.profile].domain} for unauthenticated clients (${hint})`;
  }
}
