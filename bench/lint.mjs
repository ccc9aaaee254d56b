// npm run bench:lint — `caesium job lint` over 1,000 generated job files against
// a floor measured in the same run, and the cold start of a one-file lint
// against `node -e 0`. Prints times and ratios; not part of the tests.
//
// Commands are run interleaved so that load from elsewhere falls on both sides
// alike. Wall time is what the targets are judged on; CPU time (user + system of
// the child) is printed beside it because it stays meaningful on a busy machine.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { generateJobs } from './gen-jobs.mjs';
import { median, report, timeInterleaved } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'bench/.out/lint-jobs');
const count = Number(process.env.BENCH_LINT_FILES ?? 1000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const env = { ...process.env, NO_COLOR: '1' };
const cli = join(root, 'bin/caesium.js');

generateJobs(dir, count);
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
console.log(
  `caesium lint bench: ${count} job files (10–50 steps, 5 DAG shapes), median of ${runs} interleaved runs, load average ${load}\n`,
);

const [lint, floor] = timeInterleaved(
  [
    ['node', [cli, 'job', 'lint', '--path', dir]],
    ['node', [join(root, 'bench/lint-floor.mjs'), dir]],
  ],
  { n: runs, env },
);
const [oneFile, bare] = timeInterleaved(
  [
    ['node', [cli, 'job', 'lint', '--path', join(dir, 'job-0000.yaml')]],
    ['node', ['-e', '0']],
  ],
  { n: runs * 4, env },
);

const a = report(`job lint, ${count} files`, median(lint.wall), median(floor.wall), 1.3);
const b = report('job lint, one file (cold start)', median(oneFile.wall), median(bare.wall), 4);
if (lint.cpu.length > 0) {
  report(`  (CPU time) job lint, ${count} files`, median(lint.cpu), median(floor.cpu), 1.3);
  report('  (CPU time) one file', median(oneFile.cpu), Math.max(median(bare.cpu), 10), 4);
}
console.log('\nfloor = read + parse YAML + compiled ajv schema; cold start baseline = node -e 0');
process.exitCode = a && b ? 0 : 1;
