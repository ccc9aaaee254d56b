// npm run bench:ui — the operator UI in Debian's Chromium against a real `caesium server` on a SQLite file
// holding 10,000 runs (9,999 of a 3-step job, one of a 50-step job, written through the store's own queries
// while no server has the file open):
//   1. navigation → the runs page showing its first page (rows drawn, the total known);
//   2. navigation → the 50-task run page interactive (all 50 DAG steps drawn, the task table's buttons there);
//   3. the size of every chunk of dist/ui (raw and gzip).
// Each navigation is a fresh page load (cache on, as a returning operator has it), median of BENCH_UI_N (5).
// Targets: ≤ 1 s each, entry chunk ≤ 200 kB gzip. Exits 1 when one is missed. Not part of the tests.
/* global fetch, setInterval, clearInterval */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const N = Number(process.env.BENCH_UI_N ?? 5);
const RUNS = 10_000;

if (!existsSync('/usr/bin/chromium')) {
  console.error('bench:ui needs /usr/bin/chromium (scripts/setup-chromium.sh installs it)');
  process.exit(2);
}

const step = (name, extra = {}) => ({ name, engine: 'local', command: ['true'], ...extra });
const job = (alias, steps) => ({
  apiVersion: 'v1',
  kind: 'Job',
  metadata: { alias },
  trigger: { type: 'cron', configuration: { expression: '0 0 1 1 *' } },
  steps,
});
const wide = [
  step('s0', { next: Array.from({ length: 48 }, (_, i) => `s${i + 1}`) }),
  ...Array.from({ length: 48 }, (_, i) => step(`s${i + 1}`)),
  step('s49', { dependsOn: Array.from({ length: 48 }, (_, i) => `s${i + 1}`) }),
];

function startServer(db) {
  const child = spawn(process.execPath, [join(root, 'bin/caesium.js'), 'server'], {
    env: {
      ...process.env,
      NO_COLOR: '1',
      CAESIUM_PORT: '0',
      CAESIUM_HOST: '127.0.0.1',
      CAESIUM_DATABASE_TYPE: 'sqlite',
      CAESIUM_DATABASE_PATH: db,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /listening on (http\S+)/.exec(stderr);
      if (m !== null) {
        clearInterval(timer);
        resolve({ url: m[1], stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) });
      }
    }, 50);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
}

/** Adds `count` finished runs of the job's current version (every `failEvery`th failed); returns the last run's id. */
async function seedRuns(store, alias, count, startAt, failEvery = 10) {
  const version = await store.jobs.current(alias);
  const tasks = await store.jobs.tasks(version.id);
  const iso = (t) => new Date(t).toISOString();
  let last = '';
  for (let chunk = 0; chunk < count; chunk += 1000) {
    await store.transaction(async (tx) => {
      for (let i = chunk; i < Math.min(count, chunk + 1000); i++) {
        const t = startAt + i * 60_000;
        const run = await tx.runs.create({ id: randomUUID(), jobId: version.id, params: {}, startedAt: iso(t) });
        last = run.id;
        const rows = await tx.taskRuns.createMany(
          run.id,
          tasks.map((task) => ({ taskId: task.id, name: task.name, position: task.position, maxAttempts: 1, outstandingPredecessors: 0 })),
        );
        for (const [k, row] of rows.entries()) {
          await tx.taskRuns.markStarted(row.id, { runtimeId: `seed-${k}`, startedAt: iso(t + k * 10) });
          await tx.taskRuns.finish(row.id, {
            status: i % failEvery === failEvery - 1 ? 'failed' : 'succeeded',
            completedAt: iso(t + k * 10 + 5),
            result: 'success',
            exitCode: 0,
            output: {},
          });
        }
        await tx.runs.finish(run.id, {
          status: i % failEvery === failEvery - 1 ? 'failed' : 'succeeded',
          error: null,
          completedAt: iso(t + 40_000),
        });
      }
    });
  }
  return last;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'caesium-bench-ui-'));
  const db = join(dir, 'caesium.db');
  let server = await startServer(db);
  const applied = await fetch(`${server.url}/v1/jobdefs/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      definitions: [job('bench-small', [step('a', { next: ['b'] }), step('b', { next: ['c'] }), step('c')]), job('bench-wide', wide)],
    }),
  });
  const jobs = Object.fromEntries((await applied.json()).jobs.map((j) => [j.alias, j.id]));
  await server.stop();
  const s0 = performance.now();
  const { createSqliteFileStore } = await import('../dist/src/store/index.js');
  const store = await createSqliteFileStore({ path: db, synchronous: 'normal' });
  await seedRuns(store, 'bench-small', RUNS - 1, Date.parse('2025-01-01T00:00:00Z'));
  const wideRun = await seedRuns(store, 'bench-wide', 1, Date.parse('2026-06-01T00:00:00Z'), Infinity);
  await store.close();
  const seedMs = performance.now() - s0;
  server = await startServer(db);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const measure = async (url, ready) => {
    const times = [];
    await page.goto(url); // warm the cache, as a returning operator's browser is
    await ready();
    for (let i = 0; i < N; i++) {
      await page.goto('about:blank');
      const t0 = performance.now();
      await page.goto(url, { waitUntil: 'commit' });
      await ready();
      times.push(performance.now() - t0);
    }
    return times;
  };
  const runsTimes = await measure(`${server.url}/ui/runs`, async () => {
    await page.getByText(/10,000 runs · page 1 of 200/).waitFor({ timeout: 30_000 });
    await page.getByRole('row').nth(50).waitFor({ timeout: 30_000 });
  });
  const runTimes = await measure(`${server.url}/ui/jobs/${jobs['bench-wide']}/runs/${wideRun}`, async () => {
    await page.getByLabel('step s49: succeeded').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Retry from s49' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Retry from s49' }).isEnabled();
  });
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });

  const assets = join(root, 'dist/ui/assets');
  const index = readFileSync(join(root, 'dist/ui/index.html'), 'utf8');
  const entry = /src="\/ui\/assets\/([^"]+\.js)"/.exec(index)?.[1];
  const chunks = readdirSync(assets)
    .map((f) => {
      const raw = readFileSync(join(assets, f));
      return { f, raw: raw.length, gz: gzipSync(raw).length };
    })
    .sort((a, b) => b.gz - a.gz);
  const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} kB`;
  console.log(
    `bench:ui — ${RUNS.toLocaleString()} runs stored (seeded in ${(seedMs / 1000).toFixed(1)} s), median of ${N} loads, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const line = (label, xs) =>
    `  ${label.padEnd(44)} median ${median(xs).toFixed(0).padStart(5)} ms   (all: ${xs.map((x) => x.toFixed(0)).join(', ')})   target ≤ 1000 ms`;
  console.log(line('navigation → runs page (first 50 of 10,000)', runsTimes));
  console.log(line('navigation → 50-task run page interactive', runTimes));
  console.log('  chunks (raw, gzip):');
  for (const c of chunks)
    console.log(`    ${c.f.padEnd(36)} ${kb(c.raw)} ${kb(c.gz)}${c.f === entry ? '   ← entry (budget 200 kB gzip)' : ''}`);
  const entryGz = chunks.find((c) => c.f === entry)?.gz ?? Infinity;
  const ok = median(runsTimes) <= 1000 && median(runTimes) <= 1000 && entryGz <= 200 * 1024;
  console.log(ok ? 'all targets met' : 'a target was missed');
  process.exit(ok ? 0 : 1);
}

await main();
