#!/usr/bin/env node
// Measures index.html for a five-target compare: the reference server and four of its mutants, each
// run through the whole default suite, rendered into one page. The HTML report must stay small enough
// to attach to a CI run and open in a browser (issue 7 asks for the figure).
// Usage: npm run build && node scripts/html-size.mjs [dist-dir] [--out FILE]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args.splice(outAt, 2)[1] : undefined;
const dist = path.resolve(args[0] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist'));
const load = (p) => import(pathToFileURL(path.join(dist, p)).href);

const { runChecks } = await load('harness/runner.js');
const { summarize } = await load('harness/result.js');
const { renderHtml, extensionsFromEhlo } = await load('harness/report/html.js');
const { selectChecks } = await load('harness/filter.js');
const { allChecks } = await load('suites/index.js');
const { startReferenceServer, mutants } = await load('fixtures/reference/index.js');

const checks = selectChecks(allChecks, { include: [], exclude: [], profiles: ['default'] });

async function run(mutant) {
  const server = await startReferenceServer(mutant ? { mutant } : {});
  const startedAt = new Date();
  try {
    const name = mutant ? `reference (mutant ${mutant})` : 'reference';
    const outcome = await runChecks(checks, {
      endpoint: { name, url: `smtp://127.0.0.1:${server.port}`, host: server.host, port: server.port, implicitTls: false },
      starttls: false,
      verifyCertificates: false,
      credentials: server.auth,
      heloName: 'client.test',
      sender: 'sender@client.test',
      rcpt: server.mailbox,
      concurrency: 8,
      replyTimeoutMs: 3_000,
      checkTimeoutMs: 20_000,
      strict: false,
      seed: 1,
    });
    return {
      tool: { name: 'smtpspec', version: 'size-check' },
      target: outcome.target,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      options: { mutant: mutant ?? null },
      summary: summarize(outcome.results),
      results: outcome.results,
    };
  } finally {
    await server.close();
  }
}

// Two mutants that break a MUST and two that only miss a preference: FAIL and NON-STRICT cells both.
const failing = mutants.filter((m) => m.kills.length > 0).slice(0, 2);
const nonStrict = mutants.filter((m) => m.kills.length === 0 && (m.nonStrict ?? []).length > 0).slice(0, 2);
const picked = [...failing, ...nonStrict].map((m) => m.name);

const reports = [];
for (const mutant of [undefined, ...picked]) reports.push(await run(mutant)); // one at a time: shared machines

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const measure = (rs) => {
  const html = renderHtml(rs, { extensions: extensionsFromEhlo(rs) });
  const bytes = Buffer.byteLength(html, 'utf8');
  return { html, bytes, gzip: gzipSync(html).length };
};
const one = measure(reports.slice(0, 1));
const five = measure(reports);
const json = reports.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r, null, 2)), 0);

console.log(`checks per target: ${checks.length}`);
console.log(`targets: ${reports.map((r) => r.target.name).join(', ')}`);
console.log(`one run:            ${one.bytes} bytes (${kib(one.bytes)}), gzip ${kib(one.gzip)}`);
console.log(`five-target compare: ${five.bytes} bytes (${kib(five.bytes)}), gzip ${kib(five.gzip)}`);
console.log(`(the five results.json files together: ${kib(json)})`);
if (out) {
  writeFileSync(out, five.html);
  console.log(`written to ${out}`);
}
