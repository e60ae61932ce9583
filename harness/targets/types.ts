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
  /**
   * uid and gid of the server's user where the server runs. Set by the container provider (a
   * container's users are the image's, not the host's); unset: the host's (harness/targets/users.ts).
   * Fixtures call it through targetUserIds (harness/targets/target-context.ts).
   */
  readonly userIds?: (user: string) => Promise<{ uid: number; gid: number }>;
  /**
   * Runs one of the server's own tools (e.g. saslpasswd2) where the server runs: in the image for
   * the container provider; unset: on the host. Fixtures call it through runTargetTool.
   */
  readonly runTool?: (command: string, args: readonly string[], opts: { env?: Readonly<Record<string, string>>; input?: string }) => Promise<{ code: number; stdout: string; stderr: string }>;
}

/**
 * One bind mount in a daemon's private mount namespace: `source` (a host file or folder, usually in
 * the run folder or the unpacked root) appears at `target` (a path compiled into the daemon, e.g.
 * /var/spool/smtpd) for the daemon and its children only.
 *
 * A target that does not exist on the system is made to exist inside the namespace only: its
 * nearest existing ancestor (never `/`) is covered by a READ-ONLY overlay of itself plus a stub
 * staged in the run folder. Nothing is created outside the project's folder. So `/var/lib/foo/x`
 * with no /var/lib/foo on the system makes /var/lib read-only for the daemon: bind a writable
 * folder wherever it must write.
 */
export interface NamespaceMount {
  readonly source: string;
  readonly target: string;
  /** Remount the bind read-only (e.g. an unpacked program folder). */
  readonly readOnly?: boolean;
}

/**
 * A private mount namespace for the daemon (`unshare --mount --propagation private`, root only):
 * for daemons with compiled-in paths. The launched process keeps its pid (unshare and the mount
 * script exec into it), so pid files, process groups and teardown work as without a namespace.
 * The registry records the mounts, so a daemon whose program is seen through one of them is still
 * recognised as the target's (harness/targets/namespace.ts, runsProgramOf). There is no /dev/log
 * listener: a daemon that logs only to syslog needs one of its own (e.g. a socket in the run folder
 * bound onto /dev/log). Used by fixtures/targets/opensmtpd.
 */
export interface MountNamespaceSpec {
  /** Applied in order; a later mount may sit inside an earlier one. */
  readonly mounts: readonly NamespaceMount[];
  /**
   * The content of a namespace-private /etc/resolv.conf, bound last (e.g. `nameserver 127.0.0.1`:
   * no DNS query leaves the machine whatever the daemon asks).
   */
  readonly resolvConf?: string;
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
  /** Run the daemon in a private mount namespace (see MountNamespaceSpec); unset: the host's view. */
  readonly namespace?: MountNamespaceSpec;
  /**
   * The same daemon kept in the foreground, for a container (whose main process it must be); only
   * needed with pidFile. The command defaults to `command`.
   */
  readonly foreground?: { readonly command?: string; readonly args: readonly string[] };
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
