// The labels smtpspec puts on its images and containers. With the testcontainers reaper (Ryuk)
// off, they are the registry of running containers: `targets status` lists by them, `targets stop`
// and the sweep at the next start remove by them (never by name or image).
export const LABEL = {
  /** The fixture name (postfix, exim …), on images and containers. */
  target: 'org.smtpspec.target',
  /** The start's id, as `targets status` shows it. */
  id: 'org.smtpspec.id',
  port: 'org.smtpspec.port',
  runDir: 'org.smtpspec.run-dir',
  /** The smtpspec process that started it: when it is gone, the container is an orphan. */
  ownerPid: 'org.smtpspec.owner-pid',
  startedAt: 'org.smtpspec.started-at',
  /** A one-shot container running a fixture's tool (e.g. saslpasswd2) while a run folder is prepared. */
  tool: 'org.smtpspec.tool',
} as const;

/** The label testcontainers puts on every container it starts. */
export const TESTCONTAINERS_LABEL = 'org.testcontainers';
