// npm run bench:cluster — caesium servers on one PostgreSQL database, against one server.
//   1. The stress workload: BENCH_JOBS jobs of 10 steps (a root, 8 steps after it, 4 at a time per run,
//      and a sink), each step `sleep 0.5` on `local`; one run of each triggered at once over HTTP,
//      timed until every run is terminal. On one node with SQLite, one node with PostgreSQL and three
//      nodes with PostgreSQL (runs triggered round-robin across the nodes). Prints the ratios.
//   2. Takeover: a run whose step sleeps is started on one of three nodes, the node is SIGKILLed, and
//      the time until the step's second attempt starts on another node is printed (target ≤ 15 s with
//      the default CAESIUM_WORKER_LEASE_TTL=10s).
// Needs PostgreSQL at CAESIUM_TEST_PG_DSN (default: the database scripts/setup-postgres.sh creates) and
// a role that may create databases. Not part of the tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { fetch } from 'undici';

const root = fileURLToPath(new URL('..', import.meta.url));
const DSN = process.env.CAESIUM_TEST_PG_DSN ?? 'postgres://caesium:caesium@127.0.0.1:5432/caesium_test';
const JOBS = Number(process.env.BENCH_JOBS ?? 10);
const started = [];

async function admin(sql) {
  const client = new pg.Client({ connectionString: DSN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freshDatabase(name) {
  await admin(`drop database if exists "${name}" with (force)`);
  await admin(`create database "${name}"`);
  const url = new URL(DSN);
  url.pathname = `/${name}`;
  return url.toString();
}

function startServer(env) {
  const child = spawn(process.execPath, [join(root, 'bin/caesium.js'), 'server'], {
    env: { ...process.env, CAESIUM_PORT: '0', CAESIUM_HOST: '127.0.0.1', CAESIUM_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  started.push(child);
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (s) => {
      stderr += s;
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
}

async function call(url, method = 'GET', body) {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return text === '' ? undefined : JSON.parse(text);
}

function stressJob(i) {
  const steps = [{ name: 'root', engine: 'local', command: ['sleep', '0.5'] }];
  for (let k = 0; k < 8; k++) steps.push({ name: `mid${k}`, engine: 'local', command: ['sleep', '0.5'], dependsOn: ['root'] });
  steps.push({ name: 'sink', engine: 'local', command: ['sleep', '0.5'], dependsOn: steps.slice(1).map((s) => s.name) });
  return {
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias: `stress-${i}`, maxParallelTasks: 4 },
    trigger: { type: 'cron', configuration: { expression: '0 0 1 1 *' } },
    steps,
  };
}

async function untilTerminal(node, jobId, runId) {
  for (;;) {
    const run = await call(`${node}/v1/jobs/${jobId}/runs/${runId}`).catch(() => undefined);
    if (run !== undefined && run.status !== 'running' && run.status !== 'queued') return run;
    await sleep(100);
  }
}

async function stress(label, urls) {
  const applied = await call(`${urls[0]}/v1/jobdefs/apply`, 'POST', { definitions: Array.from({ length: JOBS }, (_, i) => stressJob(i)) });
  const jobIds = applied.jobs.map((j) => j.id);
  const t0 = performance.now();
  const runs = await Promise.all(
    jobIds.map(async (jobId, i) => ({ jobId, runId: (await call(`${urls[i % urls.length]}/v1/jobs/${jobId}/run`, 'POST')).id })),
  );
  const ends = await Promise.all(runs.map((r) => untilTerminal(urls[0], r.jobId, r.runId)));
  const ms = performance.now() - t0;
  const ok = ends.filter((r) => r.status === 'succeeded').length;
  const failed = ends.find((r) => r.status !== 'succeeded');
  const why = failed === undefined ? '' : `; e.g. ${failed.error ?? failed.status}: ${failed.tasks?.find((t) => t.error)?.error ?? ''}`;
  console.log(`${label.padEnd(28)} ${(ms / 1000).toFixed(2)} s  (${ok}/${ends.length} succeeded${why})`);
  return ms;
}

function stopAll() {
  for (const child of started.splice(0)) child.kill('SIGKILL');
}

const dir = mkdtempSync(join(tmpdir(), 'caesium-bench-cluster-'));
try {
  console.log(`stress workload: ${JOBS} jobs × 10 steps (4 at a time per run), 0.5 s steps, every run at once`);
  const sqlite = await startServer({ CAESIUM_DATABASE_PATH: join(dir, 'one.db') });
  const a = await stress('one node, SQLite', [sqlite.url]);
  stopAll();
  const one = await startServer({ CAESIUM_DATABASE_TYPE: 'postgres', CAESIUM_DATABASE_DSN: await freshDatabase('caesium_bench_one') });
  const b = await stress('one node, PostgreSQL', [one.url]);
  stopAll();
  const dsn = await freshDatabase('caesium_bench_three');
  const three = [];
  for (const n of ['a', 'b', 'c'])
    three.push(await startServer({ CAESIUM_DATABASE_TYPE: 'postgres', CAESIUM_DATABASE_DSN: dsn, CAESIUM_NODE_ADDRESS: `bench-${n}` }));
  const c = await stress(
    'three nodes, PostgreSQL',
    three.map((s) => s.url),
  );
  console.log(`ratio three nodes / one node PostgreSQL: ${(c / b).toFixed(2)}×   three nodes / one node SQLite: ${(c / a).toFixed(2)}×`);

  // Takeover after SIGKILL.
  const slowJob = {
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias: 'takeover' },
    trigger: { type: 'cron', configuration: { expression: '0 0 1 1 *' } },
    steps: [
      { name: 'slow', engine: 'local', retries: 1, command: ['sh', '-c', `[ -e ${dir}/seen ] && exit 0; touch ${dir}/seen; sleep 300`] },
    ],
  };
  const applied = await call(`${three[0].url}/v1/jobdefs/apply`, 'POST', { definitions: [slowJob] });
  const jobId = applied.jobs[0].id;
  const runId = (await call(`${three[0].url}/v1/jobs/${jobId}/run`, 'POST')).id;
  for (;;) {
    const run = await call(`${three[1].url}/v1/jobs/${jobId}/runs/${runId}`);
    if (run.tasks?.[0]?.status === 'running') break;
    await sleep(50);
  }
  three[0].child.kill('SIGKILL');
  const killedAt = performance.now();
  for (;;) {
    const run = await call(`${three[1].url}/v1/jobs/${jobId}/runs/${runId}`);
    if ((run.tasks?.[0]?.attempt ?? 1) >= 2) break;
    await sleep(50);
  }
  console.log(`takeover: SIGKILL → second attempt on another node ${((performance.now() - killedAt) / 1000).toFixed(2)} s (target ≤ 15 s)`);
} finally {
  stopAll();
  rmSync(dir, { recursive: true, force: true });
  await admin('drop database if exists "caesium_bench_one" with (force)').catch(() => undefined);
  await admin('drop database if exists "caesium_bench_three" with (force)').catch(() => undefined);
}
