import { run, runOk } from './exec.js';

// Debian's MTA packages conflict with each other (each provides mail-transport-agent), so they are
// never installed: `apt-get download` fetches the .deb files and `dpkg -x` unpacks them.

const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', LC_ALL: 'C' };

/** Which of these packages the system has installed (dpkg's "install ok installed"). */
export async function installedPackages(names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const r = await run('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...names], { env: APT_ENV });
  const out = new Set<string>();
  for (const line of r.stdout.split('\n')) {
    const [name, ...status] = line.trim().split(' ');
    if (name && status.join(' ') === 'install ok installed') out.add(name.replace(/:.*$/, ''));
  }
  return out;
}

/** Whether apt knows a candidate version of the package (false before the first `apt-get update`). */
export async function hasCandidate(name: string): Promise<boolean> {
  const r = await run('apt-cache', ['policy', name], { env: APT_ENV });
  const m = /Candidate:\s*(\S+)/.exec(r.stdout);
  return r.code === 0 && m !== null && m[1] !== '(none)';
}

export async function aptUpdate(): Promise<void> {
  await runOk('apt-get', ['update', '-qq'], { env: APT_ENV, timeoutMs: 600_000 });
}

/** The direct Depends/PreDepends of each package (first alternative of each, virtual ones left out). */
export async function directDependencies(names: readonly string[]): Promise<Map<string, string[]>> {
  const deps = new Map<string, string[]>();
  if (names.length === 0) return deps;
  const r = await runOk('apt-cache', ['depends', '--important', ...names], { env: APT_ENV });
  let current: string[] | undefined;
  let alternative = false;
  for (const line of r.stdout.split('\n')) {
    if (/^\S/.test(line)) {
      current = [];
      deps.set(line.trim(), current);
      alternative = false;
      continue;
    }
    const m = /^\s*(\|)?(?:Pre)?Depends:\s*(\S+)/.exec(line);
    if (!m || !current) continue;
    // "|Depends: a" then "Depends: b" is "a or b": keep a, skip the rest of the group.
    if (!alternative && !m[2]!.startsWith('<')) current.push(m[2]!.replace(/:any$/, ''));
    alternative = m[1] === '|';
  }
  return deps;
}

/** Downloads the packages' .deb files into dir; returns the file names and versions. */
export async function downloadPackages(names: readonly string[], dir: string): Promise<void> {
  // As root, apt downloads as the _apt user unless told otherwise; that user cannot write here.
  await runOk('apt-get', ['download', '-q', '-o', 'APT::Sandbox::User=root', ...names], { cwd: dir, env: APT_ENV, timeoutMs: 600_000 });
}

export async function unpackDeb(deb: string, into: string): Promise<void> {
  await runOk('dpkg', ['-x', deb, into], { env: APT_ENV });
}

export async function debInfo(deb: string): Promise<{ name: string; version: string }> {
  const r = await runOk('dpkg-deb', ['-f', deb, 'Package', 'Version'], { env: APT_ENV });
  const name = /Package:\s*(\S+)/.exec(r.stdout)?.[1] ?? deb;
  const version = /Version:\s*(\S+)/.exec(r.stdout)?.[1] ?? '?';
  return { name, version };
}
