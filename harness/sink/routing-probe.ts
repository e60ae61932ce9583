import { randomBytes } from 'node:crypto';
import { describeOutcome, type Outcome } from '../session/outcome.js';
import { ConnectFailed, Session } from '../session/session.js';
import type { Endpoint } from '../target.js';
import { PROFILE_NAMES, PROFILES } from './profiles.js';
import type { Sink } from './sink.js';
import type { SinkProfile } from './types.js';

// `smtpspec doctor`: one probe message per sink profile, submitted to the target for that
// profile's domain, and where its RCPT arrived at the sink. The RCPT, not the data, is what is
// waited for: the refuse profile never lets data through, and routing is decided by then.

export type ProbeResult =
  | { readonly profile: SinkProfile; readonly status: 'routed'; readonly ms: number }
  | { readonly profile: SinkProfile; readonly status: 'wrong-profile'; readonly arrivedAt: SinkProfile; readonly ms: number }
  | { readonly profile: SinkProfile; readonly status: 'not-arrived'; readonly waitedMs: number }
  | { readonly profile: SinkProfile; readonly status: 'refused'; readonly step: string; readonly outcome: string };

export interface BounceProbe {
  /** The target's notification for the probe the refuse profile turned down, if it came in time. */
  readonly arrivedMs: number | undefined;
  readonly waitedMs: number;
}

export interface RoutingReport {
  readonly probes: readonly ProbeResult[];
  /** Undefined when the refuse profile was not routed (no bounce to expect). */
  readonly bounce: BounceProbe | undefined;
}

export interface ProbeOptions {
  readonly endpoint: Endpoint;
  readonly sink: Sink;
  readonly waitMs: number;
  readonly replyTimeoutMs: number;
  readonly heloName: string;
}

/** Raised when the target cannot be reached at all (exit 3, like run). */
export class TargetUnreachable extends Error {}

export async function probeRouting(opts: ProbeOptions): Promise<RoutingReport> {
  const token = randomBytes(5).toString('hex');
  const sender = `doctor-${token}@${PROFILES.bounce.domain}`;
  const localPart = (p: SinkProfile) => `doctor-${token}-${p.toLowerCase()}`;
  const probes = await Promise.all(PROFILE_NAMES.map((p) => probeOne(opts, p, sender, localPart(p))));
  const refuse = probes.find((p) => p.profile === 'refuse');
  let bounce: BounceProbe | undefined;
  if (refuse?.status === 'routed') {
    // A null reverse-path transaction to our sender at the bounce catcher: the target's notification.
    const started = Date.now();
    const t = await opts.sink.waitFor((x) => x.profile === 'bounce' && x.mailFrom === '' && x.rcpts.some((r) => r.address.toLowerCase() === sender), opts.waitMs);
    bounce = { arrivedMs: t ? Date.now() - started : undefined, waitedMs: opts.waitMs };
  }
  return { probes, bounce };
}

async function probeOne(opts: ProbeOptions, profile: SinkProfile, sender: string, local: string): Promise<ProbeResult> {
  const rcpt = `${local}@${PROFILES[profile].domain}`;
  const submitted = await submitProbe(opts, sender, rcpt, profile);
  if ('step' in submitted) return { profile, status: 'refused', ...submitted };
  // From the end of data: a target may relay before its 250 reaches us.
  const started = submitted.dataEndAt;
  const seen = await opts.sink.waitForRcpt((r) => r.address.slice(0, r.address.lastIndexOf('@')).toLowerCase() === local, opts.waitMs);
  if (!seen) return { profile, status: 'not-arrived', waitedMs: opts.waitMs };
  const ms = Math.max(0, seen.at - started);
  return seen.profile === profile ? { profile, status: 'routed', ms } : { profile, status: 'wrong-profile', arrivedAt: seen.profile, ms };
}

/** EHLO (or HELO), MAIL, RCPT, DATA, a short message; when the target took it, the time the end of data was sent. */
async function submitProbe(opts: ProbeOptions, sender: string, rcpt: string, profile: SinkProfile): Promise<{ step: string; outcome: string } | { dataEndAt: number }> {
  const { endpoint } = opts;
  let s: Session;
  try {
    s = await Session.open({ host: endpoint.host, port: endpoint.port, implicitTls: endpoint.implicitTls, replyTimeoutMs: opts.replyTimeoutMs });
  } catch (err) {
    if (err instanceof ConnectFailed) throw new TargetUnreachable(err.message);
    throw err;
  }
  try {
    if (s.greeting.kind !== 'reply') throw new TargetUnreachable(`no greeting from ${endpoint.host}:${endpoint.port}: ${describeOutcome(s.greeting)}`);
    if (s.greeting.code !== 220) return { step: 'greeting', outcome: describeOutcome(s.greeting) };
    let hello = await s.ehlo(opts.heloName);
    if (!ok(hello)) hello = await s.helo(opts.heloName);
    if (!ok(hello)) return { step: 'EHLO/HELO', outcome: describeOutcome(hello) };
    const steps: Array<[string, (o: Outcome) => boolean]> = [
      [`MAIL FROM:<${sender}>`, ok],
      [`RCPT TO:<${rcpt}>`, ok],
      ['DATA', (o) => o.kind === 'reply' && o.code === 354],
    ];
    for (const [line, good] of steps) {
      const reply = await s.send(line);
      if (!good(reply)) return { step: line, outcome: describeOutcome(reply) };
    }
    const message =
      `From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: smtpspec doctor probe (${profile})\r\n` +
      `Message-ID: <${rcpt.replace('@', '.')}@client.test>\r\n\r\nA routing probe from smtpspec doctor.\r\n.\r\n`;
    const dataEndAt = Date.now();
    await s.sendRaw(message);
    const done = await s.read();
    if (!ok(done)) return { step: 'end of data', outcome: describeOutcome(done) };
    await s.quit();
    return { dataEndAt };
  } finally {
    s.close();
  }
}

function ok(o: Outcome): boolean {
  return o.kind === 'reply' && o.code >= 200 && o.code < 300;
}
