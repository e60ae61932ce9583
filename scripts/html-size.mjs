#!/usr/bin/env node
// Measures index.html for a five-target compare: the reference server and four of its mutants, each
// run through the whole default suite (with a relay sink each) by `smtpspec compare`, so the figure
// is that of the page a user gets. The HTML report must stay small enough to attach to a CI run and
// open in a browser (issue 7 asks for the figure).
// Usage: npm run build && node scripts/html-size.mjs [--out FILE]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : undefined;
const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli/main.js');
const smtpspec = (...a) => execFileSync(process.execPath, [cli, ...a], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

// Two mutants that break a MUST and two that only miss a preference: FAIL and NON-STRICT cells both.
const mutants = JSON.parse(smtpspec('mutants', '--format', 'json'));
const failing = mutants.filter((m) => m.kills.length > 0).slice(0, 2);
const nonStrict = mutants.filter((m) => m.kills.length === 0 && m.nonStrict.length > 0).slice(0, 2);
const targets = ['reference', ...[...failing, ...nonStrict].map((m) => `reference:${m.name}`)];

const dir = mkdtempSync(path.join(tmpdir(), 'smtpspec-html-size-'));
try {
  smtpspec('compare', ...targets, '--seed', '1', '--report-dir', dir);
  const runs = JSON.parse(readFileSync(path.join(dir, 'compare.json'), 'utf8')).targets;
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const measure = (file) => ({ bytes: statSync(file).size, gzip: gzipSync(readFileSync(file)).length });
  const one = measure(path.join(dir, runs[0].reportDir, 'index.html'));
  const five = measure(path.join(dir, 'index.html'));
  const json = runs.reduce((n, r) => n + statSync(path.join(dir, r.reportDir, 'results.json')).size, 0);
  console.log(`targets: ${targets.join(', ')}`);
  console.log(`one run:             ${one.bytes} bytes (${kib(one.bytes)}), gzip ${kib(one.gzip)}`);
  console.log(`five-target compare: ${five.bytes} bytes (${kib(five.bytes)}), gzip ${kib(five.gzip)}`);
  console.log(`(the five results.json files together: ${kib(json)})`);
  if (out) {
    copyFileSync(path.join(dir, 'index.html'), out);
    console.log(`written to ${out}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
