// npm run bench:log-fanout — what live log lines cost the event stream's subscribers. A real
// `caesium server` process on a SQLite file runs a one-step job printing BENCH_LINES lines
// (`seq 1 N`, engine local), first with no client on `GET /v1/events` (the baseline, measured in the
// same run), then with BENCH_CLIENTS clients connected to it (no `types` filter, so none of them asks
// for `task_log`), alternating BENCH_ROUNDS times. Reported: the step's duration (its task run's
// started_at → completed_at) median per setting and the ratio. Target ≤ 1.2×; exits 1 when missed.
//   BENCH_LINES    lines the step prints (default 200000)
//   BENCH_CLIENTS  SSE clients in the loaded setting (default 500)
//   BENCH_ROUNDS   runs per setting (default 3)
//   BENCH_ROOT     the checkout whose bin/caesium.js is started (default this one; point it at another
//                  built checkout to measure the same figures before a change)
import { fetch } from 'undici';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { median } from './lib.mjs';

const root = process.env.BENCH_ROOT ?? fileURLToPath(new URL('..', import.meta.url));
const LINES = Number(process.env.BENCH_LINES ?? 200_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = 1.2;

async function startServer(dir) {
  const child = spawn(process.execPath, [join(root, 'bin', 'caesium.js'), 'server'], {
    env: { ...process.env, NO_COLOR: '1', CAESIUM_PORT: '0', CAESIUM_HOST: '127.0.0.1', CAESIUM_DATABASE_PATH: join(dir, 'bench.db') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
  for (let i = 0; i < 300 && !/listening on (http:\/\/\S+)/.test(stderr); i++) await sleep(50);
  const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
  if (url === undefined) throw new Error(`server did not start: ${stderr}`);
  return { url, child };
}

async function call(url, method = 'GET', body) {
  for (let attempt = 1; ; attempt++) {
    try {
      const init = { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined };
      const res = await fetch(url, init);
      return await res.json();
    } catch (error) {
      // A loaded server may reset a connection: a GET is sent again (a POST is not, it could start a second run).
      if (method !== 'GET' || attempt >= 5) throw error;
      await sleep(200);
    }
  }
}

/** Opens `n` event streams and resolves once each has received its first ping; returns a close function. */
async function openClients(url, n) {
  const agent = new http.Agent({ keepAlive: false, maxSockets: n + 10 });
  const requests = [];
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise((resolve, reject) => {
          const req = http.get(`${url}/v1/events`, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
            res.once('data', () => resolve());
            res.resume();
          });
          req.on('error', reject);
          requests.push(req);
        }),
    ),
  );
  return () => {
    for (const r of requests) r.destroy();
    agent.destroy();
  };
}

/** Runs the job once; resolves with the step's duration in ms. */
async function runOnce(url, jobId) {
  const { id } = await call(`${url}/v1/jobs/${jobId}/run`, 'POST');
  for (;;) {
    const run = await call(`${url}/v1/jobs/${jobId}/runs/${id}`);
    if (run.status !== 'running') {
      if (run.status !== 'succeeded') throw new Error(`run ${id} ${run.status}: ${run.error ?? ''}`);
      const task = run.tasks[0];
      return Date.parse(task.completed_at) - Date.parse(task.started_at);
    }
    await sleep(100);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'caesium-bench-fanout-'));
const { url, child } = await startServer(dir);
let failed = false;
try {
  const applied = await call(`${url}/v1/jobdefs/apply`, 'POST', {
    definitions: [
      {
        apiVersion: 'v1',
        kind: 'Job',
        metadata: { alias: 'fanout' },
        trigger: { type: 'cron', configuration: { expression: '0 0 1 1 *' } },
        steps: [{ name: 'print', engine: 'local', command: ['seq', '1', String(LINES)] }],
      },
    ],
  });
  const jobId = applied.jobs[0].id;
  await runOnce(url, jobId); // warm-up
  const quiet = [];
  const loaded = [];
  for (let round = 0; round < ROUNDS; round++) {
    quiet.push(await runOnce(url, jobId));
    const close = await openClients(url, CLIENTS);
    try {
      loaded.push(await runOnce(url, jobId));
    } finally {
      close();
    }
    await sleep(500);
  }
  const q = median(quiet);
  const l = median(loaded);
  const ratio = l / q;
  failed = ratio > TARGET;
  console.log(`step printing ${LINES} lines, ${ROUNDS} rounds (${root})`);
  console.log(`  no SSE client        ${q.toFixed(0).padStart(7)} ms  (${quiet.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(
    `  ${String(CLIENTS).padEnd(3)} SSE clients      ${l.toFixed(0).padStart(7)} ms  (${loaded.map((x) => x.toFixed(0)).join(', ')})`,
  );
  console.log(`  ratio ${ratio.toFixed(2)}×  target ≤ ${TARGET}×  ${failed ? 'MISSED' : 'OK'}`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
