/** Recipient domain → loopback port of the next hop; a key also covers its subdomains. */
export type TargetRelayRoutes = Readonly<Record<string, number>>;

export interface TargetCredentials {
  readonly user: string;
  readonly pass: string;
}

/** A user the daemon runs as (created with useradd when missing), and its groups. */
export interface SystemUser {
  readonly user: string;
  readonly group: string;
}

/** Everything a target's fixture needs to write its private configuration for one start. */
export interface StartContext {
  /** Where the Debian packages were unpacked (`dpkg -x`): `.targets/<name>/root`. */
  readonly root: string;
  /** This start's private folder: `.targets/<name>/run-<id>/`. */
  readonly runDir: string;
  readonly port: number;
  readonly relayRoutes: TargetRelayRoutes;
  readonly credentials: TargetCredentials;
  /** Certificate and key copied into the run folder, readable by the daemon's user. */
  readonly tls: { readonly cert: string; readonly key: string };
  /** The unpacked shared-library folders, for LD_LIBRARY_PATH. */
  readonly libraryPath: string;
}

/** How to launch the daemon once its configuration is written. */
export interface LaunchSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /**
   * Set for daemons that detach (Postfix): the launcher exits and the daemon's pid is read from
   * this file. Unset: the launched process is the daemon itself, kept in the foreground.
   */
  readonly pidFile?: string;
  /** Files worth showing when the server does not come up. */
  readonly logFiles: readonly string[];
}

/** What a fixture under fixtures/targets/<name>/ tells the local provider about its server. */
export interface LocalTargetSpec {
  readonly name: string;
  /** One line for `targets status` and reports, e.g. "Postfix 3.7 (Debian 12)". */
  readonly title: string;
  /** Debian packages always unpacked into the target's folder (the MTA and its own tools). */
  readonly packages: readonly string[];
  /** Packages unpacked only when the system lacks them (plugins the daemon loads at run time). */
  readonly ifMissing?: readonly string[];
  readonly users: readonly SystemUser[];
  /** Extra groups to create (e.g. Postfix's postdrop). */
  readonly groups?: readonly string[];
  /** The mailbox the target accepts mail for; its domain is the "local domain" of the checks. */
  readonly mailbox: string;
  /** The server's own name (greeting, certificate). */
  readonly hostname: string;
  /** The user that must own the run folder's spool, mail and TLS files. */
  readonly runUser: string;
  /** Fixes after `dpkg -x` that a package's maintainer scripts would have made (modes, owners). */
  afterUnpack?(root: string): Promise<void>;
  /** Writes the configuration into ctx.runDir and says how to launch the daemon. */
  prepare(ctx: StartContext): Promise<LaunchSpec>;
}
