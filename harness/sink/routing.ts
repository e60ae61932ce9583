import { PROFILE_NAMES, PROFILES } from './profiles.js';
import type { SinkProfile } from './types.js';

// The routing contract, printed for whoever configures the target: each domain goes to one sink
// port, sink.test's subdomains (e.g. the IDN bücher.sink.test) to the full profile.

const ABOUT: Record<SinkProfile, string> = {
  full: '8BITMIME SMTPUTF8 PIPELINING DSN SIZE; refuses reject-me@',
  sevenBit: 'no 8BITMIME, no SMTPUTF8',
  noUtf8: '8BITMIME without SMTPUTF8',
  refuse: 'answers every RCPT with 550 5.1.1',
  bounce: 'bounce catcher (DSNs to the harness sender domain)',
  noDsn: 'no DSN (otherwise full)',
  chunking: 'full plus CHUNKING and BINARYMIME (records BDAT chunks)',
};

/** The Postfix transport_maps line that routes a profile's domain to its sink port. */
export function transportLine(host: string, ports: Readonly<Record<SinkProfile, number>>, profile: SinkProfile): string {
  return `${PROFILES[profile].domain} smtp:[${host}]:${ports[profile]}`;
}

export function describeRouting(host: string, ports: Readonly<Record<SinkProfile, number>>): string {
  const rows = PROFILE_NAMES.map((p) => `  ${PROFILES[p].domain.padEnd(19)} ${host}:${ports[p]}  (${ABOUT[p]})`);
  const transport = PROFILE_NAMES.map((p) => transportLine(host, ports, p));
  return [
    'Relay sink routing (relay these domains for unauthenticated clients, to these ports):',
    ...rows,
    `  ${'*.sink.test'.padEnd(19)} ${host}:${ports.full}  (full)`,
    '',
    'Postfix transport_maps (and relay_domains = sink.test, bounce.test):',
    ...transport.map((l) => `  ${l}`),
    `  .sink.test smtp:[${host}]:${ports.full}`,
    '',
  ].join('\n');
}
