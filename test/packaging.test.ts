import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

/**
 * The published package as a user gets it: `npm pack`, installed into an empty project with
 * `npm install smtpspec-x.tgz` (its dependencies come from the npm registry), then
 * `npx smtpspec run --target reference`, `import 'smtpspec'` and the `smtpspec/vitest` export.
 */

interface Done {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(file: string, args: string[], cwd: string, timeout = 300_000): Promise<Done> {
  return new Promise((resolve) => {
    const { SMTPSPEC_AUTH_USER: _u, SMTPSPEC_AUTH_PASS: _p, ...env } = process.env;
    execFile(file, args, { cwd, env: { ...env, NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, timeout, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

const work = mkdtempSync(path.join(os.tmpdir(), 'smtpspec-pack-'));
const project = path.join(work, 'project');
let tarball = '';
let packed: string[] = [];

beforeAll(async () => {
  // dist/ is built once by test/support/global-setup.ts.
  // --ignore-scripts: dist/ was just built; `prepare` would build it again.
  const pack = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  const info = JSON.parse(pack.stdout)[0] as { filename: string; files: { path: string }[] };
  tarball = path.join(work, info.filename);
  packed = info.files.map((f) => f.path);
}, 180_000);

describe('npm pack', () => {
  it('holds the build, the README and package.json, and nothing else', () => {
    expect(packed).toContain('dist/cli/main.js');
    expect(packed).toContain('dist/adapters/vitest.js');
    expect(packed).toContain('dist/adapters/vitest.d.ts');
    expect(packed).toContain('dist/adapters/index.d.ts');
    expect(packed).toContain('README.md');
    for (const f of packed) {
      expect(f).toMatch(/^(package\.json|README\.md|dist\/(adapters|cli|fixtures|harness|suites)\/.+\.(js|d\.ts))$/);
      expect(f).not.toMatch(/\.test\.|^dist\/test\//);
      // Types only where the public entry points need them.
      if (f.endsWith('.d.ts')) expect(f).toMatch(/^dist\/(adapters|harness)\//);
    }
  });
});

describe('installed into an empty project', () => {
  beforeAll(async () => {
    await exec('mkdir', ['-p', project], work);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2));
    const install = await exec('npm', ['install', tarball], project);
    expect(install.code, install.stdout + install.stderr).toBe(0);
  }, 300_000);

  it('npx smtpspec run --target reference: exit 0 and the reports', async () => {
    const r = await exec('npx', ['smtpspec', 'run', '--target', 'reference'], project, 120_000);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed/m);
    expect(existsSync(path.join(project, 'reports/junit.xml'))).toBe(true);
    expect((await exec('npx', ['smtpspec', '--version'], project)).stdout).toBe(`smtpspec ${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  }, 120_000);

  it("import 'smtpspec' runs checks from code; 'smtpspec/vitest' resolves to the adapter, vitest being an optional peer", async () => {
    const script = [
      "import { runConformance } from 'smtpspec';",
      "const report = await runConformance({ target: 'reference', include: ['rfc5321/4.1.4'] });",
      "console.log(JSON.stringify({ fail: report.summary.fail, total: report.summary.total, vitest: import.meta.resolve('smtpspec/vitest') }));",
    ].join('\n');
    const r = await exec(process.execPath, ['--input-type=module', '-e', script], project, 60_000);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.fail).toBe(0);
    expect(out.total).toBeGreaterThan(0);
    expect(out.vitest).toMatch(/node_modules\/smtpspec\/dist\/adapters\/vitest\.js$/);
    expect(existsSync(path.join(project, 'node_modules/vitest'))).toBe(false);
  }, 60_000);
});
