// npm run bench:server — a real `caesium server` process on a SQLite file, driven over HTTP:
//   1. 1,000 manual runs of a 3-step job (`true` ×3 on `local`, sequential) triggered through
//      `POST /v1/jobs/:id/run` from a second node process (undici, BENCH_CONCURRENCY in flight):
//      accepted runs/s, p50/p99 trigger latency, time until every run is terminal, outcomes.
//   1b. as many again arriving at a steady BENCH_RATE a second (open loop), p50/p99 from the scheduled send.
//   2. `GET /v1/jobs/:id/runs` (first page, and offset 9,000; the API's default limit) with 10,000
//      runs stored: the runs triggered above (2,100 with BENCH_SOLO and 1b) plus finished runs up to 10,000
//      written into the file through the store's own queries while no server has it open; then a
//      second server on that file.
// Baseline measured in the same run: `GET /health` (one indexed SELECT, a small JSON body) from the
// same client the same way, the floor of an HTTP round trip to this server. Targets: trigger p99
// ≤ 20 ms, runs page p99 ≤ 50 ms. Exits 1 when one is missed. Not part of the tests.
//   BENCH_TRIGGERS     runs to trigger (default 1000)
//   BENCH_CONCURRENCY  requests in flight while triggering (default 16)
//   BENCH_GETS         measured requests per GET path (default 200)
//   BENCH_SOLO         triggers sent one at a time first, for context (default 100)
//   BENCH_RATE         arrivals per second of the open-loop phase 1b (default 40, about what this machine drains end to end)
//   BENCH_SERVER_ARGS  extra node flags for the server processes (e.g. "--cpu-prof --cpu-prof-dir=bench/.out/server/prof")
// Internally the file re-executes itself as the load process:
//   node bench/server.mjs --load URL METHOD PATH N CONCURRENCY   |   --open URL METHOD PATH N RATE   |   --get URL N PATH…
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Pool, request } from 'undici';

const self = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

// --- statistics -------------------------------------------------------------

/** The nearest-rank percentile `p` (0–100) of `xs`. */
function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const ms = (x) => `${x.toFixed(1).padStart(8)} ms`;

// --- the load process ---------------------------------------------------------

/** `n` requests `method path` through `concurrency` connections, each worker sending its next when the last answered. */
async function load(url, method, path, n, concurrency) {
  const pool = new Pool(url, { connections: concurrency });
  const latencies = [];
  const statuses = {};
  let next = 0;
  const startedAt = Date.now();
  const t0 = performance.now();
  const worker = async () => {
    while (next < n) {
      next++;
      const a = performance.now();
      const res = await pool.request({ path, method });
      await res.body.text();
      latencies.push(performance.now() - a);
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  const wallMs = performance.now() - t0;
  await pool.close();
  return { startedAt, endedAt: Date.now(), wallMs, latencies, statuses };
}

/**
 * `n` requests `method path` sent on a fixed schedule, `rate` a second, whether or not earlier ones have been
 * answered (an open loop, as triggers arrive from many clients). Latency counts from the scheduled send time,
 * so a request held up behind a slow one is charged for its wait (no coordinated omission).
 */
async function openLoad(url, method, path, n, rate) {
  const pool = new Pool(url, { connections: 128 });
  const latencies = [];
  const statuses = {};
  const startedAt = Date.now();
  const t0 = performance.now();
  const interval = 1000 / rate;
  const inFlight = [];
  for (let i = 0; i < n; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(
      (async () => {
        const res = await pool.request({ path, method });
        await res.body.text();
        latencies.push(performance.now() - due);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      })(),
    );
  }
  await Promise.all(inFlight);
  const wallMs = performance.now() - t0;
  await pool.close();
  return { startedAt, endedAt: Date.now(), wallMs, latencies, statuses };
}

/** `n` rounds of one GET per path, one request in flight, paths alternated so drift hits all alike; 10 warm-up rounds. */
async function gets(url, n, paths) {
  const pool = new Pool(url, { connections: 1 });
  const latencies = Object.fromEntries(paths.map((p) => [p, []]));
  const statuses = {};
  for (let round = -10; round < n; round++) {
    for (const path of paths) {
      const a = performance.now();
      const res = await pool.request({ path, method: 'GET' });
      await res.body.text();
      if (round >= 0) latencies[path].push(performance.now() - a);
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
    }
  }
  await pool.close();
  return { latencies, statuses };
}

// --- child processes (always killed) -------------------------------------------

const children = new Set();

function killChildren() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
process.once('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killChildren();
    process.exit(130);
  });
}

function track(child) {
  children.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  void exited.then(() => children.delete(child));
  return exited;
}

/** Starts `caesium server` on a free port and the SQLite file `db`; resolves once it named its URL. */
async function startServer(db) {
  const extra = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, join(root, 'bin/caesium.js'), 'server'], {
    env: {
      ...process.env,
      NO_COLOR: '1',
      CAESIUM_PORT: '0',
      CAESIUM_HOST: '127.0.0.1',
      CAESIUM_DATABASE_PATH: db,
      CAESIUM_DATABASE_TYPE: 'sqlite',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = track(child);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s) => (stderr = (stderr + s).slice(-8000)));
  const url = await new Promise((resolve, reject) => {
    const timer = globalThis.setTimeout(() => reject(new Error(`server did not start within 20 s: ${stderr}`)), 20_000);
    child.stderr.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m !== null) {
        globalThis.clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then((code) => {
      globalThis.clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening: ${stderr}`));
    });
  });
  return {
    url,
    stderr: () => stderr,
    /** SIGTERM, then SIGKILL after 15 s. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = globalThis.setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      globalThis.clearTimeout(timer);
      return code;
    },
  };
}

/** Runs this file as the load process with `args`; resolves with the JSON it printed. */
async function loadProcess(args) {
  const child = spawn(process.execPath, [self, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = track(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
  const code = await exited;
  if (code !== 0) throw new Error(`load process ${args[0]} exited ${code}: ${stderr.slice(0, 2000)}`);
  return JSON.parse(stdout);
}

// --- HTTP from the parent (setup and polling only; nothing timed) --------------

async function call(url, method, path, body) {
  const res = await request(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${path} answered ${res.statusCode}: ${text.slice(0, 500)}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** Every run of the job (up to 1,000 per page). */
async function allRuns(url, jobId) {
  const out = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await call(url, 'GET', `/v1/jobs/${jobId}/runs?limit=1000&offset=${offset}`);
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled', 'skipped']);

/** Polls `/health` (cheap) until no run is in flight, then confirms on the runs endpoint that all `n` are terminal. */
async function drain(url, jobId, n, timeoutMs = 600_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const health = await call(url, 'GET', '/health');
    if (health.checks.active_runs === undefined) {
      const at = Date.now();
      const runs = await allRuns(url, jobId);
      if (runs.length >= n && runs.every((r) => TERMINAL.has(r.status))) return { at, runs };
    }
    if (Date.now() > until) throw new Error(`runs still in flight after ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

// --- seeding the file through the store ------------------------------------------

/** Adds `count` finished runs (3 succeeded task runs each) of the job's current version, older than every real run. */
async function seedRuns(db, alias, count) {
  const { createSqliteFileStore } = await import('../dist/src/store/index.js');
  const store = await createSqliteFileStore({ path: db, synchronous: 'normal' });
  try {
    const version = await store.jobs.current(alias);
    if (version === undefined) throw new Error(`job ${alias} not in ${db}`);
    const tasks = await store.jobs.tasks(version.id);
    const base = Date.parse('2020-01-01T00:00:00Z');
    const iso = (t) => new Date(t).toISOString();
    for (let chunk = 0; chunk < count; chunk += 1000) {
      await store.transaction(async (tx) => {
        for (let i = chunk; i < Math.min(count, chunk + 1000); i++) {
          const t = base + i * 60_000;
          const run = await tx.runs.create({ id: randomUUID(), jobId: version.id, params: {}, startedAt: iso(t) });
          const rows = await tx.taskRuns.createMany(
            run.id,
            tasks.map((task) => ({
              taskId: task.id,
              name: task.name,
              position: task.position,
              maxAttempts: 1,
              outstandingPredecessors: 0,
            })),
          );
          for (const [k, row] of rows.entries()) {
            await tx.taskRuns.markStarted(row.id, { runtimeId: `seed-${k}`, startedAt: iso(t + k * 10) });
            await tx.taskRuns.finish(row.id, {
              status: 'succeeded',
              completedAt: iso(t + k * 10 + 5),
              result: 'success',
              exitCode: 0,
              output: {},
            });
          }
          await tx.runs.finish(run.id, { status: 'succeeded', error: null, completedAt: iso(t + 40) });
        }
      });
    }
  } finally {
    await store.close();
  }
}

/** `error` with the tail of the server's log appended. */
function withServerLog(error, server) {
  const text = error instanceof Error ? error.message : String(error);
  return new Error(`${text}\n--- server log (tail) ---\n${server.stderr().slice(-3000)}`, { cause: error });
}

// --- main --------------------------------------------------------------------------

async function main() {
  const triggers = Number(process.env.BENCH_TRIGGERS ?? 1000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
  const getsN = Number(process.env.BENCH_GETS ?? 200);
  const soloN = Number(process.env.BENCH_SOLO ?? 100);
  const rate = Number(process.env.BENCH_RATE ?? 40);
  const stored = 10_000;
  const deepOffset = 9_000;
  const alias = 'bench-server';
  const out = join(root, 'bench/.out/server');
  const db = join(out, 'caesium.db');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const load1 = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `caesium server bench (${availableParallelism()} cores, load average ${load1}): server = node bin/caesium.js server, SQLite file (WAL, synchronous FULL), engine local\n` +
      `load = a second node process (undici Pool, ${concurrency} connections, ${concurrency} requests in flight), job = 3 sequential steps \`true\` on local\n`,
  );

  let allOk = true;
  const row = (label, text) => console.log(`${label.padEnd(52)} ${text}`);
  const target = (label, measured, limit, baseline) => {
    const ok = measured <= limit;
    row(
      label,
      `${ms(measured)}  target ≤ ${limit} ms  ${ok ? 'OK' : 'MISSED'}${baseline === undefined ? '' : `   (${(measured / baseline).toFixed(1)}× /health)`}`,
    );
    allOk &&= ok;
  };

  // 1. triggers --------------------------------------------------------------------
  let server = await startServer(db);
  let jobId;
  let triggered = 0;
  try {
    const def = {
      apiVersion: 'v1',
      kind: 'Job',
      metadata: { alias },
      trigger: { type: 'http', configuration: { path: alias } },
      steps: [1, 2, 3].map((i) => ({ name: `s${i}`, engine: 'local', command: ['true'] })),
    };
    const applied = await call(server.url, 'POST', '/v1/jobdefs/apply', { definitions: [def] });
    jobId = applied.jobs[0].id;

    const health = await loadProcess(['--load', server.url, 'GET', '/health', String(triggers), String(concurrency)]);
    // Context: triggers one at a time (each answered before the next is sent), drained before the main load.
    const solo = await loadProcess(['--load', server.url, 'POST', `/v1/jobs/${jobId}/run`, String(soloN), '1']);
    await drain(server.url, jobId, solo.statuses['202'] ?? 0);
    const trig = await loadProcess(['--load', server.url, 'POST', `/v1/jobs/${jobId}/run`, String(triggers), String(concurrency)]);
    const accepted = trig.statuses['202'] ?? 0;
    const { at, runs: listed } = await drain(server.url, jobId, accepted + (solo.statuses['202'] ?? 0));
    // Then the same number arriving at a steady rate (open loop), after the backlog above has drained.
    const paced = await loadProcess(['--open', server.url, 'POST', `/v1/jobs/${jobId}/run`, String(triggers), String(rate)]);
    const pacedAccepted = paced.statuses['202'] ?? 0;
    const { runs: afterPaced } = await drain(server.url, jobId, listed.length + pacedAccepted);
    triggered = afterPaced.length;
    const runs = listed.slice(0, accepted); // newest first: the main load's runs
    const byStatus = {};
    for (const r of runs) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;

    console.log(
      `1. ${triggers} × POST /v1/jobs/:id/run, ${concurrency} in flight (baseline: ${triggers} × GET /health the same way, idle server, just before)`,
    );
    row('  accepted (202)', `${accepted} of ${triggers}${accepted === triggers ? '' : `  statuses ${JSON.stringify(trig.statuses)}`}`);
    row(
      '  accepted runs/s',
      `${((accepted / trig.wallMs) * 1000).toFixed(0).padStart(8)} /s   (/health: ${((triggers / health.wallMs) * 1000).toFixed(0)} /s)`,
    );
    row('  trigger p50', `${ms(percentile(trig.latencies, 50))}   (/health ${ms(percentile(health.latencies, 50)).trim()})`);
    target('  trigger p99', percentile(trig.latencies, 99), 20, percentile(health.latencies, 99));
    {
      // The burst's own goal: within twice the HTTP floor measured the same way.
      const ratio = percentile(trig.latencies, 99) / percentile(health.latencies, 99);
      row('  trigger p99 / /health p99', `${ratio.toFixed(2).padStart(8)}×  target ≤ 2×  ${ratio <= 2 ? 'OK' : 'MISSED'}`);
      allOk &&= ratio <= 2;
    }
    row('    /health p99 (the HTTP floor at this concurrency)', ms(percentile(health.latencies, 99)));
    row('    trigger max', ms(Math.max(...trig.latencies)));
    row(
      `  context: ${soloN} triggers one in flight, p50 / p99`,
      `${ms(percentile(solo.latencies, 50))} / ${ms(percentile(solo.latencies, 99)).trim()}   (${((soloN / solo.wallMs) * 1000).toFixed(0)} /s)`,
    );
    row(
      '  drain: first trigger → every run terminal',
      `${((at - trig.startedAt) / 1000).toFixed(2).padStart(8)} s  (${((accepted / (at - trig.startedAt)) * 1000).toFixed(0)} runs/s end to end)`,
    );
    row('  drain: last trigger answered → every run terminal', `${((at - trig.endedAt) / 1000).toFixed(2).padStart(8)} s`);
    row('  outcomes', JSON.stringify(byStatus));
    console.log(
      `\n1b. ${triggers} × POST /v1/jobs/:id/run arriving at ${rate}/s whatever the answers (open loop; latency from the scheduled send)`,
    );
    row(
      '  accepted (202)',
      `${pacedAccepted} of ${triggers}${pacedAccepted === triggers ? '' : `  statuses ${JSON.stringify(paced.statuses)}`}`,
    );
    row('  trigger p50', ms(percentile(paced.latencies, 50)));
    target('  trigger p99', percentile(paced.latencies, 99), 20);
    row('    trigger max', ms(Math.max(...paced.latencies)));
    if ((byStatus.succeeded ?? 0) !== accepted) {
      allOk = false;
      row('  ', `MISSED: ${accepted - (byStatus.succeeded ?? 0)} run(s) did not succeed`);
    }
  } catch (error) {
    throw withServerLog(error, server);
  } finally {
    const code = await server.stop();
    if (code !== 0) row('  server 1 exit', `${code}: ${server.stderr().slice(-500)}`);
  }

  // 2. runs pages at 10,000 runs --------------------------------------------------------
  const seed = stored - triggered;
  const s0 = performance.now();
  await seedRuns(db, alias, seed);
  const seedMs = performance.now() - s0;
  server = await startServer(db);
  try {
    const all = await allRuns(server.url, jobId);
    if (all.length !== stored) throw new Error(`expected ${stored} runs stored, the API lists ${all.length}`);
    const first = `/v1/jobs/${jobId}/runs`;
    const deep = `/v1/jobs/${jobId}/runs?offset=${deepOffset}`;
    const [firstPage, deepPage] = [await call(server.url, 'GET', first), await call(server.url, 'GET', deep)];
    const limit = firstPage.length;
    if (deepPage.length !== limit || !deepPage.every((r) => r.tasks.length === 3))
      throw new Error(`the deep page has ${deepPage.length} runs (first page ${limit})`);
    const res = await loadProcess(['--get', server.url, String(getsN), '/health', first, deep]);
    const h = res.latencies['/health'];
    console.log(
      `\n2. GET /v1/jobs/:id/runs with ${stored} runs stored (${triggered} triggered above + ${seed} finished runs written by the store's queries in ${(seedMs / 1000).toFixed(1)} s, no server open),\n` +
        `   second server on the file; default limit (${limit} runs, 3 tasks each); ${getsN} requests per path, one in flight, paths alternated`,
    );
    row('  /health p50 / p99 (baseline)', `${ms(percentile(h, 50))} / ${ms(percentile(h, 99)).trim()}`);
    for (const [label, path] of [
      ['first page', first],
      [`offset ${deepOffset}`, deep],
    ]) {
      const xs = res.latencies[path];
      row(`  ${label} p50`, `${ms(percentile(xs, 50))}   (${(percentile(xs, 50) / percentile(h, 50)).toFixed(1)}× /health)`);
      target(`  ${label} p99`, percentile(xs, 99), 50, percentile(h, 99));
    }
    if (Object.keys(res.statuses).some((s) => s !== '200')) throw new Error(`GET statuses ${JSON.stringify(res.statuses)}`);
  } catch (error) {
    throw withServerLog(error, server);
  } finally {
    const code = await server.stop();
    if (code !== 0) row('  server 2 exit', `${code}: ${server.stderr().slice(-500)}`);
  }

  console.log(
    `\nload average now ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; database bench/.out/server/caesium.db`,
  );
  return allOk;
}

const [mode, ...args] = process.argv.slice(2);
if (mode === '--open') {
  const [url, method, path, n, rate] = args;
  process.stdout.write(JSON.stringify(await openLoad(url, method, path, Number(n), Number(rate))));
} else if (mode === '--load') {
  const [url, method, path, n, concurrency] = args;
  process.stdout.write(JSON.stringify(await load(url, method, path, Number(n), Number(concurrency))));
} else if (mode === '--get') {
  const [url, n, ...paths] = args;
  process.stdout.write(JSON.stringify(await gets(url, Number(n), paths)));
} else {
  try {
    process.exitCode = (await main()) ? 0 : 1;
  } catch (error) {
    console.error(`bench:server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  } finally {
    killChildren();
  }
}
