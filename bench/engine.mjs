// npm run bench:engine — the engine against baselines measured in the same run:
//   1. the original's stress workload (10 jobs × 10 tasks: root → 4 chains of 2 →
//      join, every task `sleep 0.5`, at most 5 runs in flight) on `local` against
//      the shape's limit, and on `docker` against a shell script running the same
//      DAGs with `docker run --rm`;
//   2. a 1,000-task no-op DAG (`true`, 100 layers × 10) on `local` against
//      `make -j<cores>` on a Makefile of the same graph;
//   3. the peers (bench/peers.mjs): `caesium dev --once` end to end against `make` and
//      snakemake on a 100-step chain, a 100-way fan-out and the 1,000-task DAG, the
//      one-step run and one-file lint against `node -e 0`, and watch-mode save latency.
// Prints times and ratios and exits 1 when a target is missed. Not part of the tests.
//   BENCH_RUNS        stress measurements per side (default 3)
//   BENCH_DAG_RUNS    DAG measurements per side (default 5)
//   BENCH_SKIP_DOCKER=1   skip the docker stress
//   BENCH_ONLY=local|docker|dag|peers   run one section (e.g. under `node --cpu-prof`)
// (One file on purpose: lint's default project admits only bench/*.mjs.)
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runJob, systemClock } from '../dist/src/engine/index.js';
import { normalizeJob } from '../dist/src/jobdef/normalize.js';
import { createRuntimes } from '../dist/src/runtime/index.js';
import { createMemoryStore } from '../dist/src/store/index.js';
import { median, report, timeOnce } from './lib.mjs';
import { peerBench } from './peers.mjs';

const out = fileURLToPath(new URL('.out/engine/', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 3);
const dagRuns = Number(process.env.BENCH_DAG_RUNS ?? 5);
const only = process.env.BENCH_ONLY ?? '';
const cores = availableParallelism();

// --- graphs: plain data shared by both sides of every comparison ------------

/** `nodes` ({ name, deps }) in definition order, with Kahn layers and the edge count. */
function graph(nodes) {
  const level = new Map();
  for (const n of nodes) level.set(n.name, n.deps.length === 0 ? 0 : 1 + Math.max(...n.deps.map((d) => level.get(d))));
  const layers = [];
  for (const n of nodes) (layers[level.get(n.name)] ??= []).push(n.name);
  return { nodes, layers, edges: nodes.reduce((sum, n) => sum + n.deps.length, 0) };
}

/** The original's stress shape: root → `chains` parallel chains of `length` → join. */
function stressGraph(chains, length) {
  const nodes = [{ name: 'root', deps: [] }];
  const tails = [];
  for (let c = 0; c < chains; c++) {
    let prev = 'root';
    for (let i = 1; i <= length; i++) {
      const name = `chain-${String.fromCharCode(97 + c)}${i}`;
      nodes.push({ name, deps: [prev] });
      prev = name;
    }
    tails.push(prev);
  }
  nodes.push({ name: 'join', deps: tails });
  return graph(nodes);
}

/** `depth` layers of `width`; every task depends on every task of the previous layer (width² edges per boundary). */
function layeredGraph(depth, width) {
  const pad = String(depth * width - 1).length;
  const name = (l, i) => `t${String(l * width + i).padStart(pad, '0')}`;
  const nodes = [];
  for (let l = 0; l < depth; l++) {
    const deps = l === 0 ? [] : Array.from({ length: width }, (_, i) => name(l - 1, i));
    for (let i = 0; i < width; i++) nodes.push({ name: name(l, i), deps });
  }
  return graph(nodes);
}

/** A normalised caesium job running `command` on `engine` for every node of `g`. */
function jobFor(alias, g, engine, command, image) {
  const steps = g.nodes.map((n) => ({
    name: n.name,
    engine,
    command,
    ...(image ? { image } : {}),
    ...(n.deps.length ? { dependsOn: [...n.deps] } : {}),
  }));
  const job = normalizeJob({ apiVersion: 'v1', kind: 'Job', metadata: { alias }, trigger: { type: 'http', configuration: {} }, steps });
  if (job.edges.length !== g.edges) throw new Error(`${alias}: the job has ${job.edges.length} edges, the graph ${g.edges}`);
  return job;
}

// --- running the engine in process ------------------------------------------

async function timeAsync(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Runs `job` to its end (events dropped: no reporter); throws unless every task succeeded. */
async function runOk(job, store, runtimes, maxParallel) {
  const deps = { store, runtimes: (engine) => runtimes.get(engine), clock: systemClock, events: () => {} };
  const summary = await runJob(job, deps, { maxParallel, signal: new globalThis.AbortController().signal });
  const bad = summary.tasks.find((t) => t.status !== 'succeeded');
  if (summary.status !== 'succeeded' || bad !== undefined) {
    throw new Error(
      `run of ${job.alias} ${summary.status} ${summary.error ?? ''}${bad ? ` (${bad.name}: ${bad.status} ${bad.error ?? ''})` : ''}`,
    );
  }
}

/** `fn(item)` for every item, at most `limit` in flight (a pool, not batches). */
async function pool(limit, items, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// --- 1. stress ----------------------------------------------------------------

const STRESS = { jobs: 10, concurrent: 5, sleep: 0.5, image: 'caesium-test/busybox', graph: stressGraph(4, 2) };
/** Per-run parallelism = the shape's natural width (4 chains): no run is limited below it. */
STRESS.maxParallel = Math.max(...STRESS.graph.layers.map((l) => l.length));
STRESS.waves = Math.ceil(STRESS.jobs / STRESS.concurrent);
STRESS.limitMs = STRESS.waves * STRESS.graph.layers.length * STRESS.sleep * 1000;

const stressJobs = (engine) =>
  Array.from({ length: STRESS.jobs }, (_, j) =>
    jobFor(`stress-${engine}-${j}`, STRESS.graph, engine, ['sleep', String(STRESS.sleep)], engine === 'local' ? undefined : STRESS.image),
  );

/** One measurement: every job through a pool of `concurrent`, all on one fresh memory store (as one node shares its database). */
async function timeStress(jobs, runtimes) {
  const store = await createMemoryStore();
  try {
    return await timeAsync(() => pool(STRESS.concurrent, jobs, (job) => runOk(job, store, runtimes, STRESS.maxParallel)));
  } finally {
    await store.close();
  }
}

/** The docker baseline: a pool of job subshells (`wait -n`), each running its DAG layer by layer (`docker run --rm … &`, then `wait`). */
function writeDockerScript() {
  const { graph: g, image, sleep, jobs, concurrent } = STRESS;
  const task = `docker run --rm ${image} sleep ${sleep} >/dev/null 2>&1 || echo x >>"$FAILS"`;
  const layers = g.layers.map((l) => `  ${l.map(() => `${task} &`).join('\n  ')}\n  wait`).join('\n');
  const text = `#!/usr/bin/env bash
# Generated by bench/engine.mjs: ${jobs} stress DAGs (layers ${g.layers.map((l) => l.length).join('-')}), ${concurrent} at a time.
set -u
FAILS=$(mktemp)
trap 'rm -f "$FAILS"' EXIT
job() {
${layers}
}
for j in $(seq ${jobs}); do
  while [ "$(jobs -rp | wc -l)" -ge ${concurrent} ]; do wait -n; done
  job &
done
wait
[ ! -s "$FAILS" ] || { echo "$(wc -l <"$FAILS") docker run(s) failed" >&2; exit 1; }
`;
  const path = join(out, 'stress-docker.sh');
  writeFileSync(path, text);
  chmodSync(path, 0o755);
  return path;
}

function dockerUnavailable() {
  if (process.env.BENCH_SKIP_DOCKER === '1') return 'BENCH_SKIP_DOCKER=1';
  const r = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 15_000, encoding: 'utf8' });
  if (r.error) return `docker CLI: ${r.error.message}`;
  if (r.status !== 0) return `docker daemon unreachable: ${(r.stderr || r.stdout).trim().split('\n')[0]}`;
  if (spawnSync('docker', ['image', 'inspect', STRESS.image], { timeout: 15_000 }).status !== 0)
    return `image ${STRESS.image} missing (run scripts/test-engines.sh)`;
  return undefined;
}

// --- 2. the 1,000-task DAG ----------------------------------------------------

const DAG = layeredGraph(100, 10);

/** One measurement: a fresh memory store (as `caesium dev` makes per run), the run, the close. */
const timeDag = (job, runtimes) =>
  timeAsync(async () => {
    const store = await createMemoryStore();
    try {
      await runOk(job, store, runtimes, cores);
    } finally {
      await store.close();
    }
  });

/** The same graph as a Makefile: phony targets, recipe `@true`, `all` needs the last layer. */
function writeMakefile() {
  const lines = [`.PHONY: all ${DAG.nodes.map((n) => n.name).join(' ')}`, `all: ${DAG.layers.at(-1).join(' ')}`];
  for (const n of DAG.nodes) lines.push(`${n.name}:${n.deps.length ? ` ${n.deps.join(' ')}` : ''}`, '\t@true');
  const path = join(out, 'dag-1000.mk');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** The floor under any engine in this process: the DAG spawned as the local runtime spawns (detached, piped), no store. */
function timeSpawnFloor() {
  const waiting = new Map(DAG.nodes.map((n) => [n.name, n.deps.length]));
  const successors = new Map(DAG.nodes.map((n) => [n.name, []]));
  for (const n of DAG.nodes) for (const d of n.deps) successors.get(d).push(n.name);
  const ready = DAG.layers[0].slice();
  const env = { PATH: process.env.PATH ?? '' };
  return timeAsync(
    () =>
      new Promise((resolve, reject) => {
        let active = 0;
        let done = 0;
        const pump = () => {
          for (; active < cores && ready.length > 0; active++) {
            const name = ready.shift();
            const child = spawn('true', [], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
            child.once('error', reject);
            child.once('close', (code) => {
              if (code !== 0) return reject(new Error(`${name} exited ${code}`));
              active--;
              for (const s of successors.get(name)) if (waiting.set(s, waiting.get(s) - 1).get(s) === 0) ready.push(s);
              if (++done === DAG.nodes.length) resolve();
              else pump();
            });
          }
        };
        pump();
      }),
  );
}

// --- main -----------------------------------------------------------------------

let allOk = true;
const note = (label, text) => console.log(`${label.padEnd(44)} ${text}`);

/** A section that throws prints an ERROR row and fails the bench; the others still run. */
async function section(name, label, fn) {
  if (only !== '' && only !== name) return;
  try {
    await fn();
  } catch (error) {
    allOk = false;
    note(label, `ERROR ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Alternates the sides' measurements (after one warm-up each) so drift hits both; returns their medians. */
async function interleaved(n, sides) {
  for (const side of sides) await side();
  const times = sides.map(() => []);
  for (let i = 0; i < n; i++) for (const [k, side] of sides.entries()) times[k].push(await side());
  return times.map(median);
}

mkdirSync(out, { recursive: true });
const sg = STRESS.graph;
console.log(
  `caesium engine bench (${cores} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}): medians of ${runs} stress / ${dagRuns} DAG runs after a warm-up\n` +
    `stress: ${STRESS.jobs} jobs × ${sg.nodes.length} tasks (layers ${sg.layers.map((l) => l.length).join('-')}), \`sleep ${STRESS.sleep}\`, ` +
    `${STRESS.concurrent} runs in flight, maxParallel ${STRESS.maxParallel} per run (its natural width), one shared memory store\n` +
    `DAG: ${DAG.nodes.length} × \`true\`, ${DAG.layers.length} layers × ${DAG.layers[0].length}, each task needing all of the previous layer (${DAG.edges} edges), maxParallel ${cores} = make -j${cores}\n`,
);

const runtimes = createRuntimes(process.env);
try {
  await section('local', 'stress, local', async () => {
    const jobs = stressJobs('local');
    const [ms] = await interleaved(runs, [() => timeStress(jobs, runtimes)]);
    allOk = report(`stress, local vs limit (${STRESS.waves}×${sg.layers.length}×${STRESS.sleep} s)`, ms, STRESS.limitMs, 1.1) && allOk;
  });

  const skip = only === '' || only === 'docker' ? dockerUnavailable() : undefined;
  if (skip !== undefined) note('stress, docker', `SKIPPED (${skip})`);
  else
    await section('docker', 'stress, docker', async () => {
      const jobs = stressJobs('docker');
      const script = writeDockerScript();
      const [engine, shell] = await interleaved(runs, [() => timeStress(jobs, runtimes), () => timeOnce('bash', [script])]);
      allOk = report('stress, docker vs docker-run script', engine, shell, 1.15) && allOk;
    });

  await section('dag', '1,000-task DAG', async () => {
    const job = jobFor('dag-1000', DAG, 'local', ['true']);
    const makefile = writeMakefile();
    const [e, m, f] = await interleaved(dagRuns, [
      () => timeDag(job, runtimes),
      () => timeOnce('make', ['-r', '-s', `-j${cores}`, '-f', makefile, 'all']),
      () => timeSpawnFloor(),
    ]);
    const n = DAG.nodes.length;
    allOk = report(`${n}-task DAG, local vs make -j${cores}`, e, m, 1.5) && allOk;
    note('  node spawn floor (same DAG, no engine)', `${f.toFixed(1)} ms = ${(f / m).toFixed(2)}× make`);
    note('  per task: engine / spawn floor / make', `${(e / n).toFixed(2)} / ${(f / n).toFixed(2)} / ${(m / n).toFixed(2)} ms`);
    note('  engine overhead per task over the floor', `${((e - f) / n).toFixed(2)} ms`);
  });

  await section('peers', 'peers', async () => {
    console.log('');
    allOk = (await peerBench({ out, cores, runs: dagRuns })) && allOk;
  });
} finally {
  await runtimes.closeAll();
}

console.log(
  `\nlocal limit = waves × critical path × sleep; docker baseline = bench/.out/engine/stress-docker.sh; make = make -r -j${cores} -f bench/.out/engine/dag-1000.mk`,
);
process.exitCode = allOk ? 0 : 1;
