// The engine against its peers, in one run, on the same generated DAGs:
//   a 100-step chain, a 100-way fan-out with a join, and the 1,000-task layered DAG
//   (100 layers × 10, every task needing all of the previous layer),
// each run end to end as a command: `caesium dev --once` (local engine, no-op `true` steps),
// `make -j<cores>` on a Makefile of the same graph and `snakemake -j<cores> --forceall` on a
// Snakefile of it. Also the one-step `caesium dev --once` against `node -e 0`, the cold
// one-file `caesium job lint` against `node -e 0`, and, in watch mode, the time from saving
// a job file to its changed step starting. Peak RSS of every command from GNU time.
// Used by bench/engine.mjs (section "peers"); snakemake comes from scripts/setup-bench.sh.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin/caesium.js');
const TIME = '/usr/bin/time';

/** The three shapes as `{ name, deps }` lists in definition order. */
export function peerGraphs() {
  const chain = Array.from({ length: 100 }, (_, i) => ({
    name: `s${String(i).padStart(3, '0')}`,
    deps: i === 0 ? [] : [`s${String(i - 1).padStart(3, '0')}`],
  }));
  const leaves = Array.from({ length: 100 }, (_, i) => `f${String(i).padStart(3, '0')}`);
  const fanout = [{ name: 'root', deps: [] }, ...leaves.map((name) => ({ name, deps: ['root'] })), { name: 'join', deps: leaves }];
  const layered = [];
  const name = (l, i) => `t${String(l * 10 + i).padStart(3, '0')}`;
  for (let l = 0; l < 100; l++)
    for (let i = 0; i < 10; i++)
      layered.push({ name: name(l, i), deps: l === 0 ? [] : Array.from({ length: 10 }, (_, k) => name(l - 1, k)) });
  return [
    { label: '100-step chain', key: 'chain', nodes: chain },
    { label: '100-way fan-out + join', key: 'fanout', nodes: fanout },
    { label: '1,000-task layered DAG', key: 'layered', nodes: layered },
  ];
}

const sinks = (nodes) => {
  const used = new Set(nodes.flatMap((n) => n.deps));
  return nodes.filter((n) => !used.has(n.name)).map((n) => n.name);
};

function jobYaml(alias, nodes, command = '["true"]') {
  const lines = [
    'apiVersion: v1',
    'kind: Job',
    'metadata:',
    `  alias: ${alias}`,
    'trigger:',
    '  type: cron',
    '  configuration:',
    '    cron: "0 0 * * *"',
    'steps:',
  ];
  for (const n of nodes) {
    lines.push(`  - name: ${n.name}`, '    engine: local', `    command: ${command}`);
    if (n.deps.length) lines.push(`    dependsOn: [${n.deps.join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes job.yaml, Makefile and Snakefile of `g` under `dir`. */
function writeShape(dir, g) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'job.yaml'), jobYaml(`peer-${g.key}`, g.nodes));
  const mk = [`.PHONY: all ${g.nodes.map((n) => n.name).join(' ')}`, `all: ${sinks(g.nodes).join(' ')}`];
  for (const n of g.nodes) mk.push(`${n.name}:${n.deps.length ? ` ${n.deps.join(' ')}` : ''}`, '\t@true');
  writeFileSync(join(dir, 'Makefile'), `${mk.join('\n')}\n`);
  // One rule with a wildcard and an input function: the idiomatic Snakefile for a generated graph.
  const deps = Object.fromEntries(g.nodes.map((n) => [n.name, n.deps]));
  const snake = [
    `DEPS = ${JSON.stringify(deps)}`,
    `rule all:\n    input: ${JSON.stringify(sinks(g.nodes).map((s) => `out/${s}`))}`,
    `rule task:\n    input: lambda w: ["out/" + d for d in DEPS[w.name]]\n    output: touch("out/{name}")\n    shell: "true"`,
  ];
  writeFileSync(join(dir, 'Snakefile'), `${snake.join('\n')}\n`);
}

/** Runs a command once under GNU time: wall ms and peak RSS in MiB (RSS undefined without /usr/bin/time). */
function measure(cmd, args, cwd) {
  const useTime = existsSync(TIME);
  const rssFile = join(cwd, '.rss');
  const argv = useTime ? ['-f', '%M', '-o', rssFile, cmd, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(useTime ? TIME : cmd, argv, {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0)
    throw new Error(
      `${cmd} ${args.join(' ')} exited ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${String(r.stderr).slice(0, 1500)}`,
    );
  const rss = useTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024 : undefined;
  return { ms, rss };
}

/** Interleaves the sides' runs (after one warm-up each); medians of wall time and peak RSS. */
function interleave(n, sides) {
  for (const s of sides) s();
  const got = sides.map(() => ({ ms: [], rss: [] }));
  for (let i = 0; i < n; i++)
    sides.forEach((s, k) => {
      const { ms, rss } = s();
      got[k].ms.push(ms);
      if (rss !== undefined) got[k].rss.push(rss);
    });
  return got.map((g) => ({ ms: median(g.ms), rss: g.rss.length ? median(g.rss) : undefined }));
}

const fmt = (m) => `${m.ms.toFixed(0).padStart(7)} ms${m.rss === undefined ? '' : ` ${m.rss.toFixed(0).padStart(4)} MiB`}`;

/** `measured / baseline ≤ target` as a printed row; returns whether it holds. */
function row(label, ratio, target, detail) {
  const ok = ratio <= target;
  console.log(`${label.padEnd(48)} ${ratio.toFixed(2).padStart(6)}×  target ≤ ${target}×  ${ok ? 'OK' : 'MISSED'}  ${detail}`);
  return ok;
}

/** `peer / ours ≥ target` (how many times faster we are) as a printed row; returns whether it holds. */
function speedup(label, ratio, target) {
  const ok = ratio >= target;
  console.log(`${label.padEnd(48)} ${ratio.toFixed(2).padStart(6)}×  target ≥ ${target}×  ${ok ? 'OK' : 'MISSED'}`);
  return ok;
}

/** Save → changed step started, in `caesium dev` watch mode: `count` saves, median in ms. */
async function watchLatency(dir, count) {
  const job = join(dir, 'watch.yaml');
  const marker = join(dir, 'started');
  const write = (i) =>
    writeFileSync(job, jobYaml('peer-watch', [{ name: 'stamp', deps: [] }], `["sh", "-c", "date +%s%N > ${marker} # ${i}"]`));
  rmSync(marker, { force: true });
  write(0);
  const child = spawn(process.execPath, [cli, 'dev', '--path', job], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (out += b));
  const waitFor = async (pred, ms) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`watch mode did not react within ${ms} ms; output:\n${out.slice(-1500)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const readStamp = () => (existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '');
  const lat = [];
  try {
    await waitFor(() => readStamp() !== '', 20_000);
    for (let i = 1; i <= count; i++) {
      await new Promise((r) => setTimeout(r, 300)); // let the previous run settle
      rmSync(marker, { force: true });
      const savedNs = BigInt(Date.now()) * 1_000_000n;
      write(i);
      await waitFor(() => /^\d+$/.test(readStamp()), 10_000);
      lat.push(Number(BigInt(readStamp()) - savedNs) / 1e6);
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('close', r));
  }
  return median(lat);
}

/** The peer section: prints every row and returns whether every target was met. */
export async function peerBench({ out, cores, runs }) {
  const snakemake = spawnSync('snakemake', ['--version'], { encoding: 'utf8' });
  const haveSnake = snakemake.status === 0;
  if (!haveSnake) console.log('snakemake: not installed (bash scripts/setup-bench.sh installs it): its rows are SKIPPED');
  else
    console.log(
      `snakemake ${snakemake.stdout.trim()}, make -j${cores}, caesium dev --once (engine local); wall time and peak RSS, medians of ${runs}`,
    );
  let ok = true;
  for (const g of peerGraphs()) {
    const dir = join(out, 'peers', g.key);
    writeShape(dir, g);
    const sides = [
      () => measure(process.execPath, [cli, 'dev', '--once', '--path', 'job.yaml'], dir),
      () => measure('make', ['-r', '-s', `-j${cores}`, '-f', 'Makefile', 'all'], dir),
    ];
    if (haveSnake) sides.push(() => measure('snakemake', [`-j${cores}`, '-s', 'Snakefile', '--forceall', '--quiet', 'all'], dir));
    const [c, m, s] = interleave(runs, sides);
    console.log(`${g.label} (${g.nodes.length} tasks): caesium ${fmt(c)} | make ${fmt(m)}${s ? ` | snakemake ${fmt(s)}` : ''}`);
    if (g.key === 'layered') ok = row('  caesium / make', c.ms / m.ms, 3, '') && ok;
    if (s) ok = speedup('  snakemake / caesium (times faster)', s.ms / c.ms, 3) && ok;
  }
  const dir = join(out, 'peers', 'one');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'job.yaml'), jobYaml('peer-one', [{ name: 'only', deps: [] }]));
  const [one, lint, bare] = interleave(runs, [
    () => measure(process.execPath, [cli, 'dev', '--once', '--path', 'job.yaml'], dir),
    () => measure(process.execPath, [cli, 'job', 'lint', '--path', 'job.yaml'], dir),
    () => measure(process.execPath, ['-e', '0'], dir),
  ]);
  console.log(`one-step dev --once ${fmt(one)} | one-file job lint ${fmt(lint)} | node -e 0 ${fmt(bare)}`);
  ok = row('  one-step dev --once / node -e 0', one.ms / bare.ms, 4, `${one.ms.toFixed(0)} ms (target ≤ 200 ms)`) && ok && one.ms <= 200;
  ok = row('  one-file job lint (cold) / node -e 0', lint.ms / bare.ms, 2.5, '') && ok;
  const saves = Number(process.env.BENCH_WATCH_SAVES ?? 20);
  const ms = await watchLatency(dir, saves);
  const watchOk = ms <= 100;
  console.log(
    `${'  watch: save → changed step started'.padEnd(48)} ${ms.toFixed(0).padStart(6)} ms  target ≤ 100 ms  ${watchOk ? 'OK' : 'MISSED'}  (median of ${saves} saves)`,
  );
  return ok && watchOk;
}
