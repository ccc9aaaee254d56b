import { analyze } from '../../dag/analysis.js';
import { summaryLine } from '../../dag/summary.js';
import type { Definition, DefinitionSet } from '../../jobdef/definitions.js';
import { UsageError } from '../../errors.js';
import type { ImageResult } from '../check-images.js';
import { definitionsJson, testStatus } from '../format/test-json.js';
import type { Job } from '../../jobdef/types.js';
import { location, orderDiagnostics, writeDiagnostics } from '../format/diagnostics.js';
import { line, type Io } from '../io.js';
import { loadDefinitionsHere } from '../load-here.js';
import { fileLevelExit, pathList } from '../paths.js';

export interface TestOptions {
  path?: string[];
  scenario?: string[];
  checkImages?: boolean;
  verbose?: boolean;
  json?: boolean;
  reporter?: string;
  output?: string;
}

/** Indent of the detail lines under `  PASS  <alias>` (as the original prints them). */
const DETAIL = ' '.repeat(9);

/**
 * `caesium test`: validates every job definition under `--path` and prints,
 * per definition, `  PASS  <alias>` with its DAG summary or `  FAIL  <alias>: …`
 * followed by each error at `file:line:col`. Resolves to the exit code: 0 all
 * passed (or none was found), 1 a definition or image check failed, 2 a bad
 * `--path` or an unreachable container engine.
 */
export async function runTest(opts: TestOptions, io: Io): Promise<number> {
  if (opts.scenario) return (await import('./test-scenarios.js')).runScenarios(opts, io);
  if (opts.json !== true) return (await testDefinitions(opts, io)).code;
  if (opts.reporter !== undefined || opts.output !== undefined) {
    throw new UsageError('--reporter and --output are for --scenario', 'with --json the document goes to stdout');
  }
  // With --json the usual lines go to stderr and stdout carries only the document.
  const images: ImageResult[] | null = opts.checkImages === true ? [] : null;
  const { code, set } = await testDefinitions(opts, { ...io, out: io.err }, images ?? undefined);
  line(io.out, JSON.stringify(definitionsJson(set, testStatus(code), images), null, 2));
  return code;
}

async function testDefinitions(opts: TestOptions, io: Io, images?: ImageResult[]): Promise<{ code: number; set: DefinitionSet }> {
  const paths = pathList(opts.path);
  const set = loadDefinitionsHere(paths, io.env);
  writeDiagnostics(io.err, orderDiagnostics(set.diagnostics, set.files), io.color);
  const code = fileLevelExit(set.diagnostics);

  if (set.definitions.length === 0) {
    line(io.out, 'No job definitions found.');
    if (opts.verbose === true) printSkipped(set.skipped, io);
    // As `job lint` (and the original): nothing to test is not a failure.
    return { code, set };
  }

  const passed: Job[] = [];
  let failed = false;
  for (const def of set.definitions) {
    if (def.job === undefined) {
      printFailure(def, io);
      failed = true;
    } else {
      printPass(def.job, opts.verbose === true, io);
      passed.push(def.job);
    }
    const warnings = def.diagnostics.filter((d) => d.severity === 'warning');
    writeDiagnostics(io.err, warnings, io.color);
  }
  if (opts.verbose === true) printSkipped(set.skipped, io);

  if (opts.checkImages === true) {
    const { checkImages } = await import('../check-images.js');
    const checked = await checkImages(passed, io, images);
    if (checked === 2) return { code: 2, set };
    failed ||= checked === 1;
  }
  if (failed) io.err.write(`${io.color.red('error')}: one or more checks failed\n`);
  return { code: Math.max(code, failed ? 1 : 0), set };
}

/** A name for a definition in result lines: its alias, else where it starts. */
export function definitionName(def: Pick<Definition, 'alias' | 'file' | 'line'>): string {
  return def.alias ?? `${def.file}:${def.line}`;
}

function printFailure(def: Definition, io: Io): void {
  const errors = def.diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  const dagOnly = errors.every((d) => d.code === 'E_CYCLE');
  const reason = first === undefined ? 'invalid job definition' : `${dagOnly ? 'DAG analysis error: ' : ''}${first.message}`;
  line(io.out, `  ${io.color.red('FAIL')}  ${definitionName(def)}: ${reason}`);
  for (const d of errors) line(io.out, `${DETAIL}- ${location(d)} ${d.message}`);
}

function printPass(job: Job, verbose: boolean, io: Io): void {
  const g = { nodes: job.steps, edges: job.edges };
  line(io.out, `  ${io.color.green('PASS')}  ${job.alias}`);
  line(io.out, `${DETAIL}Steps: ${summaryLine(g)}`);
  if (!verbose) return;
  const a = analyze(g);
  line(io.out, `${DETAIL}Roots: ${a.roots.join(', ')}`);
  line(io.out, `${DETAIL}Leaves: ${a.leaves.join(', ')}`);
  for (const step of job.steps) {
    const preds = a.predecessors.get(step.name) ?? [];
    line(io.out, `${DETAIL}- ${step.name} [${step.engine}] depends on: ${preds.length === 0 ? '(root)' : preds.join(', ')}`);
  }
}

function printSkipped(skipped: readonly { file: string; line: number; reason: string }[], io: Io): void {
  if (skipped.length === 0) return;
  line(io.out, `Skipped ${skipped.length} non-job document${skipped.length === 1 ? '' : 's'}:`);
  for (const s of skipped) line(io.out, `  - ${s.file}:${s.line} (${s.reason})`);
}
