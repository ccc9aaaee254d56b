// npm run bench:lint — `caesium job lint` over 1,000 generated job files against
// a floor measured in the same run, and the cold start of a one-file lint
// against `node -e 0`. Prints times and ratios; not part of the tests.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { generateJobs } from './gen-jobs.mjs';
import { median, report, timeRuns } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'bench/.out/lint-jobs');
const count = Number(process.env.BENCH_LINT_FILES ?? 1000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const env = { ...process.env, NO_COLOR: '1' };

generateJobs(dir, count);
console.log(`caesium lint bench: ${count} job files (10–50 steps, 5 DAG shapes), median of ${runs} runs\n`);

const cli = join(root, 'bin/caesium.js');
const lint = median(timeRuns('node', [cli, 'job', 'lint', '--path', dir], { n: runs, env }));
const floor = median(timeRuns('node', [join(root, 'bench/lint-floor.mjs'), dir], { n: runs, env }));
const oneFile = median(timeRuns('node', [cli, 'job', 'lint', '--path', join(dir, 'job-0000.yaml')], { n: runs * 2, env }));
const nodeBare = median(timeRuns('node', ['-e', '0'], { n: runs * 2, env }));

const a = report(`job lint, ${count} files`, lint, floor, 1.3);
const b = report('job lint, one file (cold start)', oneFile, nodeBare, 4);
console.log(`\nfloor = read + parse YAML + compiled ajv schema; cold start baseline = node -e 0`);
process.exitCode = a && b ? 0 : 1;
