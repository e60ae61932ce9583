// The last line of defence against a server left running: whatever ends this process (a normal
// exit, an uncaught error, SIGTERM, SIGHUP, a Ctrl-C nobody else handles), the targets it started
// are ended. One guard for the local targets (local.ts) and the containers (docker/containers.ts).

const cleanups = new Set<() => void>();
let installed = false;

/** Registers a synchronous cleanup (the exit handler cannot await) for every way this process ends. */
export function cleanUpOnExit(cleanup: () => void): void {
  cleanups.add(cleanup);
  if (installed) return;
  installed = true;
  const runAll = () => {
    for (const c of cleanups) c();
  };
  process.on('exit', runAll);
  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129], ['SIGINT', 130]] as const) {
    process.on(signal, () => {
      // Another handler (smtpspec run's Ctrl-C) owns the signal: it stops the run and then the
      // targets. Alone, we are the only thing between the signal and a server left running.
      if (process.listenerCount(signal) > 1) return;
      runAll();
      process.exit(code);
    });
  }
}
