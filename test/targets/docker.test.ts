import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerfileOf, dockerTargetNames, startDockerTargetByName } from '../../cli/docker-target.js';
import { findLocalTarget } from '../../fixtures/targets/index.js';
import { eximTarget } from '../../fixtures/targets/exim/target.js';
import { postfixTarget } from '../../fixtures/targets/postfix/target.js';
import { listTargetContainers, sweepOrphanContainers } from '../../harness/targets/docker/containers.js';
import { containersWithLabels, ImageBuildFailed } from '../../harness/targets/docker/engine.js';
import { ensureTargetImage, imageTag } from '../../harness/targets/docker/image.js';
import { LABEL, TESTCONTAINERS_LABEL } from '../../harness/targets/docker/labels.js';
import { startDockerTarget } from '../../harness/targets/docker/start.js';
import { waitForGreeting } from '../../harness/targets/greeting.js';
import { freeLoopbackPort } from '../../harness/targets/ports.js';
import { ROOT, runCli } from '../support/cli.js';
import { dockerOrSkipReason } from './docker-support.js';
import { ehloKeywords } from './smtp-dialog.js';

/** Every container of this start, running or not, by its label (what `docker ps -a --filter label=…` shows). */
const containersOf = (id: string) => containersWithLabels([`${LABEL.id}=${id}`]);

/** Starts `smtpspec run --target docker:exim` in a child process and waits until its labelled server container exists. */
async function runWithContainer(reportDir: string) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), 'run', '--target', 'docker:exim', '--report-dir', path.join(ROOT, 'test-artifacts', reportDir)], { cwd: ROOT, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let mine: Awaited<ReturnType<typeof listTargetContainers>>[number] | undefined;
  for (let i = 0; i < 300 && mine === undefined; i++) {
    await new Promise((r) => setTimeout(r, 100));
    mine = (await listTargetContainers()).find((c) => c.ownerPid === child.pid && !c.tool);
  }
  return { child, exited, mine };
}

/** Every fixture with a Dockerfile: a new one is covered by the generic tests below as soon as it exists. */
const dockerSpecs = dockerTargetNames().map((n) => findLocalTarget(n)!);

describe('the Dockerfiles install what the local fixtures unpack', () => {
  it('postfix and exim have one', () => {
    expect(dockerSpecs.map((s) => s.name)).toEqual(expect.arrayContaining(['postfix', 'exim']));
  });

  it.each(dockerSpecs)('$name: apt-get install names every package of the fixture', async (spec) => {
    const text = await readFile(dockerfileOf(spec), 'utf8');
    // One logical line: the RUN's continuation lines joined.
    const install = /apt-get install[^\n]*/.exec(text.replace(/\\\n/g, ' '))?.[0] ?? '';
    for (const p of [...spec.packages, ...(spec.ifMissing ?? [])]) expect(install.split(/\s+/)).toContain(p);
    expect(text).toMatch(/^FROM debian:bookworm-slim$/m);
  });
});

describe.each([
  ['postfix', postfixTarget, /^220 mx\.postfix\.test ESMTP Postfix/],
  ['exim', eximTarget, /^220 mx\.exim\.test ESMTP Exim 4\.96/],
] as const)('docker target %s', (name, spec, greeting) => {
  it('builds its image, starts on 127.0.0.1 with STARTTLS, AUTH and SMTPUTF8, and stop leaves no container', async (ctx) => {
    const skip = await dockerOrSkipReason();
    if (skip) return ctx.skip(skip);
    const t = await startDockerTarget(spec, dockerfileOf(spec));
    try {
      console.log(`docker:${name}: 220 after ${t.startMs} ms on 127.0.0.1:${t.port} (${t.image}${t.buildMs > 0 ? `, built in ${t.buildMs} ms` : ''})`);
      expect(t.host).toBe('127.0.0.1');
      expect(t.greeting).toMatch(greeting);
      const keywords = await ehloKeywords(t.port);
      expect(keywords).toEqual(expect.arrayContaining(['STARTTLS', 'SMTPUTF8', '8BITMIME', 'PIPELINING']));
      expect(keywords.find((k) => k.startsWith('AUTH '))?.split(' ').slice(1).sort()).toEqual(['LOGIN', 'PLAIN']);
      // Labelled for the sweep (testcontainers' own label, ours) and found by `targets status`.
      expect(await containersWithLabels([`${TESTCONTAINERS_LABEL}=true`, `${LABEL.id}=${t.id}`])).toEqual([t.containerId]);
      const listed = (await listTargetContainers()).find((c) => c.id === t.id);
      expect(listed).toMatchObject({ name, port: t.port, running: true, ownerPid: process.pid, runDir: t.runDir });
      await t.stop();
      expect(await containersOf(t.id)).toEqual([]);
      expect(existsSync(t.runDir)).toBe(false);
    } finally {
      await t.stop();
    }
  }, 300_000);
});

describe.each(dockerSpecs.map((s) => [s.name, s] as const))('docker:%s', (_name, spec) => {
  it('greets with its own name on 127.0.0.1, offers STARTTLS, and is gone after stop', async (ctx) => {
    const skip = await dockerOrSkipReason();
    if (skip) return ctx.skip(skip);
    const t = await startDockerTarget(spec, dockerfileOf(spec));
    try {
      console.log(`docker:${spec.name}: 220 after ${t.startMs} ms${t.buildMs > 0 ? ` (image built in ${t.buildMs} ms)` : ''}`);
      expect(t.greeting.startsWith(`220 ${spec.hostname} `)).toBe(true);
      expect(await ehloKeywords(t.port)).toContain('STARTTLS');
    } finally {
      await t.stop();
    }
    expect(await containersOf(t.id)).toEqual([]);
  }, 300_000);
});

describe('teardown of containers', () => {
  it('`targets status` lists a container and `targets stop docker:exim` removes it', async (ctx) => {
    const skip = await dockerOrSkipReason();
    if (skip) return ctx.skip(skip);
    const t = await startDockerTargetByName('docker:exim');
    const id = (await listTargetContainers()).find((c) => c.port === t.endpoint.port)!.id;
    try {
      const status = await runCli(['targets', 'status', 'docker:exim']);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(new RegExp(`${id} +docker:exim +127\\.0\\.0\\.1:${t.endpoint.port} .* running`));
      const stop = await runCli(['targets', 'stop', 'docker:exim']);
      expect(stop.code).toBe(0);
      expect(stop.stdout).toContain(`docker:exim: 127.0.0.1:${t.endpoint.port}`);
      expect(await containersOf(id)).toEqual([]);
    } finally {
      await t.stop();
    }
  }, 300_000);

  it('a run killed with SIGKILL leaves an orphan that the next sweep removes', async (ctx) => {
    const skip = await dockerOrSkipReason();
    if (skip) return ctx.skip(skip);
    const { child, exited, mine } = await runWithContainer('killed-docker-exim');
    child.kill('SIGKILL');
    await exited;
    expect(mine, 'the run started a labelled container').toBeDefined();
    expect(await containersOf(mine!.id)).toHaveLength(1);
    const swept = await sweepOrphanContainers();
    expect(swept.map((c) => c.id)).toContain(mine!.id);
    expect(await containersOf(mine!.id)).toEqual([]);
    expect(existsSync(mine!.runDir)).toBe(false);
  }, 300_000);

  it('a server that dies before its greeting: the error carries its output, fast, and no container is left', async (ctx) => {
    const skip = await dockerOrSkipReason();
    if (skip) return ctx.skip(skip);
    const dying = { ...eximTarget, prepare: async () => ({ command: '/bin/sh', args: ['-c', 'echo smtpspec-test-boom >&2; exit 4'], env: {}, logFiles: [] }) };
    const started = Date.now();
    const err = await startDockerTarget(dying, dockerfileOf(eximTarget), { greetingTimeoutMs: 60_000 }).then(() => undefined, (e: unknown) => e as Error);
    expect(err?.message).toMatch(/^exim \(docker\): .*exited before it greeted/);
    expect(err?.message).toContain('smtpspec-test-boom');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await listTargetContainers()).filter((c) => c.ownerPid === process.pid)).toEqual([]);
  }, 300_000);

  it('an image that does not build is one clear error and leaves no container behind', async (ctx) => {
    const skip = await dockerOrSkipReason();
    if (skip) return ctx.skip(skip);
    const dir = await mkdtemp(path.join(tmpdir(), 'smtpspec-dockerfile-'));
    const dockerfile = path.join(dir, 'Dockerfile');
    const text = `FROM debian:bookworm-slim\nRUN echo broken-${Date.now()} && exit 3\n`;
    await writeFile(dockerfile, text);
    const before = await containersWithLabels([]);
    const err = await ensureTargetImage('broken', dockerfile).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ImageBuildFailed);
    expect((err as Error).message).toContain(imageTag('broken', text));
    expect((err as Error).message).not.toContain('\n');
    expect((await containersWithLabels([])).filter((c) => !before.includes(c))).toEqual([]);
  }, 300_000);
});

describe('docker-compose.yml', () => {
  // Exim as the plain case; OpenSMTPD and Sendmail because their services also mount run-folder
  // parts over compiled-in paths.
  for (const [name, greeting] of [
    ['exim', /^220 mx\.exim\.test ESMTP Exim/],
    ['opensmtpd', /^220 mx\.opensmtpd\.test ESMTP OpenSMTPD/],
    ['sendmail', /^220 mx\.sendmail\.test ESMTP Sendmail/],
  ] as const) it(`\`targets compose ${name}\` renders what \`docker-compose up ${name}\` serves on 127.0.0.1 with the port from the environment`, async (ctx) => {
    const skip = await dockerOrSkipReason();
    if (skip) return ctx.skip(skip);
    const composeDir = await mkdtemp(path.join(tmpdir(), 'smtpspec-compose-'));
    const port = await freeLoopbackPort();
    const env = { SMTPSPEC_COMPOSE_DIR: composeDir, [`SMTPSPEC_${name.toUpperCase()}_PORT`]: String(port) };
    const rendered = await runCli(['targets', 'compose', name], env, 300_000);
    expect(rendered.stderr).toBe('');
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toContain(`${name}: ${composeDir}/${name} rendered for 127.0.0.1:${port}`);
    const compose = (args: string[]) => new Promise<{ code: number; out: string }>((resolve) =>
      execFile('docker-compose', ['--project-name', 'smtpspec-test', ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: stdout + stderr })));
    const config = await compose(['config', '--quiet']);
    if (config.code !== 0 && /ENOENT|not found/.test(config.out)) return ctx.skip('docker-compose is not installed (.ci/run installs it)');
    expect(config.code, config.out).toBe(0);
    try {
      const up = await compose(['up', '-d', name]);
      expect(up.code, up.out).toBe(0);
      expect(await waitForGreeting('127.0.0.1', port, { timeoutMs: 20_000 })).toMatch(greeting);
    } finally {
      const down = await compose(['down']);
      expect(down.code, down.out).toBe(0);
      await rm(composeDir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('smtpspec run --target docker:…', () => {
  it('`run --target docker:exim --include rfc5321/2.4` writes a report and exits 0 or 1', async (ctx) => {
    const skip = await dockerOrSkipReason();
    if (skip) return ctx.skip(skip);
    const dir = path.join(ROOT, 'test-artifacts', 'run-docker-exim');
    const r = await runCli(['run', '--target', 'docker:exim', '--include', 'rfc5321/2.4', '--report-dir', dir], {}, 300_000);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    expect(r.stdout).toMatch(/^smtpspec .* against docker:exim \(smtp:\/\/127\.0\.0\.1:\d+\)/);
    const report = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as { results: { id: string; grade: string }[] };
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.results.every((x) => x.id.startsWith('rfc5321/2.4/'))).toBe(true);
    expect(report.results.filter((x) => x.grade === 'ERROR')).toEqual([]);
    expect((await listTargetContainers()).filter((c) => c.name === 'exim' && c.ownerPid !== process.pid)).toEqual([]);
  }, 300_000);

  it('Ctrl-C during `run --target docker:exim` removes the container', async (ctx) => {
    const skip = await dockerOrSkipReason();
    if (skip) return ctx.skip(skip);
    const { child, exited, mine } = await runWithContainer('interrupted-docker-exim');
    expect(mine, 'the run started a labelled container').toBeDefined();
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(await containersOf(mine!.id)).toEqual([]);
    expect(existsSync(mine!.runDir)).toBe(false);
  }, 300_000);

  it('`compare exim --docker` runs the local target name as its container', async (ctx) => {
    const skip = await dockerOrSkipReason();
    if (skip) return ctx.skip(skip);
    const dir = path.join(ROOT, 'test-artifacts', 'compare-docker');
    const r = await runCli(['compare', 'exim', '--docker', '--include', 'rfc5321/2.4', '--report-dir', dir], {}, 300_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(await readFile(path.join(dir, 'exim', 'results.json'), 'utf8')) as { target: { url: string }; results: { grade: string }[] };
    expect(report.results.filter((x) => x.grade === 'ERROR')).toEqual([]);
    expect((await listTargetContainers()).filter((c) => c.name === 'exim' && c.ownerPid !== process.pid)).toEqual([]);
  }, 300_000);

  it('exits 3 with one line when no docker engine answers, 2 for an unknown docker target', async () => {
    const down = await runCli(['run', '--target', 'docker:exim', '--include', 'rfc5321/2.4', '--report-dir', path.join(ROOT, 'test-artifacts', 'run-docker-down')], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(down.code).toBe(3);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toMatch(/^smtpspec: docker:exim did not start: (no docker engine answers|the docker command is not installed)/);
    const unknown = await runCli(['run', '--target', 'docker:nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^smtpspec: unknown docker target "docker:nope" \(known: docker:postfix, docker:exim[^\n]*\)\n$/);
  });
});
