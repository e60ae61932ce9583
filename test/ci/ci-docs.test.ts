import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';

const MARK = '# smtpspec-ci: tested';

/**
 * The commands marked `# smtpspec-ci: tested` in a CI file: the `run:` (GitHub) or `- ` script
 * item (GitLab) on the next non-comment line, a `run: |` block with its indented lines.
 */
export function markedCommands(yaml: string): string[] {
  const lines = yaml.split('\n');
  const commands: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() !== MARK) return;
    let j = i + 1;
    while (j < lines.length && /^\s*#/.test(lines[j]!)) j++;
    const next = lines[j] ?? '';
    const m = /^(\s*)(?:run:|-)\s*(.*)$/.exec(next);
    if (!m) throw new Error(`line ${j + 1}: "${MARK}" must precede a run: line or a script item, found ${JSON.stringify(next)}`);
    if (m[2] === '|') {
      const block: string[] = [];
      const indent = m[1]!.length;
      for (j++; j < lines.length && (lines[j]!.trim() === '' || lines[j]!.search(/\S/) > indent); j++) block.push(lines[j]!.trim());
      commands.push(block.join('\n').trim());
    } else {
      commands.push(m[2]!);
    }
  });
  return commands;
}

/** A directory where `npx smtpspec` is this checkout's build, as after `npm install smtpspec`, without a registry. */
function projectWithSmtpspec(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smtpspec-ci-'));
  mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(ROOT, path.join(dir, 'node_modules/smtpspec'), 'dir');
  // What npm links as the bin (tsc does not make dist/cli/main.js executable; npm install would).
  writeFileSync(path.join(dir, 'node_modules/.bin/smtpspec'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'dist/cli/main.js')}" "$@"\n`, { mode: 0o755 });
  return dir;
}

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const { SMTPSPEC_AUTH_USER: _u, SMTPSPEC_AUTH_PASS: _p, ...base } = process.env;
    execFile('bash', ['-eo', 'pipefail', '-c', command], { cwd, env: { ...base, NO_COLOR: '1', npm_config_offline: 'true', ...env }, timeout: 180_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, output: stdout + stderr }),
    );
  });
}


describe.each([
  ['github-actions.yml', 'GITHUB_STEP_SUMMARY'],
  ['gitlab-ci.yml', undefined],
])('docs/ci/%s', (file, summaryVariable) => {
  const yaml = readFileSync(path.join(ROOT, 'docs/ci', file), 'utf8');

  it('is plain YAML indentation (no tabs) and publishes junit.xml', () => {
    expect(yaml).not.toMatch(/\t/);
    if (file.startsWith('github')) expect(yaml).toMatch(/uses: mikepenz\/action-junit-report@v\d+\n\s+with:\n\s+report_paths: reports\/junit\.xml/);
    else expect(yaml).toMatch(/reports:\n\s+junit: reports\/junit\.xml/);
  });

  it('its marked commands run here against the reference server, with a baseline, and write junit.xml and the summary', async () => {
    const commands = markedCommands(yaml);
    expect(commands.length).toBeGreaterThan(0);
    const dir = projectWithSmtpspec();
    // The committed baseline of the README's workflow.
    const first = await runCli(['run', '--target', 'reference', '--include', 'rfc5321/4.1.4', '--report-dir', path.join(dir, 'first')]);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const written = await sh(`npx smtpspec baseline write --from ${path.join(dir, 'first/results.json')} > smtpspec-baseline.json`, dir, {});
    expect(written.code, written.output).toBe(0);

    const summary = path.join(dir, 'step-summary.md');
    for (const command of commands) {
      const r = await sh(command, dir, summaryVariable ? { [summaryVariable]: summary } : {});
      expect(r.code, `${command}\n${r.output}`).toBe(0);
      expect(r.output).toMatch(/Baseline: every failure is a known one \(exit 0\)/);
    }
    expect(readFileSync(path.join(dir, 'reports/junit.xml'), 'utf8')).toMatch(/^<\?xml[^]*<testsuites/);
    const md = readFileSync(summaryVariable ? summary : path.join(dir, 'smtpspec-summary.md'), 'utf8');
    expect(md).toMatch(/^## smtpspec: reference: ✅/);
    expect(existsSync(path.join(dir, 'reports/results.json'))).toBe(true);
  }, 240_000);
});

describe('markedCommands', () => {
  it('reads run: lines, script items and run: | blocks', () => {
    const yaml = ['      # smtpspec-ci: tested', '        run: npx smtpspec a', '    # smtpspec-ci: tested', '    # a comment', '    - npx smtpspec b', '      # smtpspec-ci: tested', '        run: |', '          one', '          two', '      - name: x'].join('\n');
    expect(markedCommands(yaml)).toEqual(['npx smtpspec a', 'npx smtpspec b', 'one\ntwo']);
  });
});
