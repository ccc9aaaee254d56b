/**
 * `caesium test --scenario <paths>`: loads harness scenarios (any invalid
 * document is fatal: exit 2, nothing runs), runs each for real through the
 * engine (the `CAESIUM_CACHE_*` variables give every job's cache defaults)
 * and reports them: the original's lines on stdout, or with
 * `--reporter junit|json` that document on stdout (or in `--output`, the
 * lines staying on stdout). Exit 0 all passed, 1 a scenario failed (or none
 * was found), 2 a bad flag, an invalid harness file or a report that could
 * not be written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { UsageError, errorText } from '../../errors.js';
import { cacheDefaultsFromEnv } from '../../engine/cache/settings.js';
import type { FailurePolicy } from '../../engine/run-types.js';
import {
  createJsonReporter,
  createJunitReporter,
  createTextReporter,
  fanOut,
  isInvalid,
  loadScenarios,
  runHarness,
  SCENARIO_ENGINES,
  type HarnessReport,
  type HarnessReporter,
  type ScenarioEngine,
} from '../../harness/index.js';
import { createRuntimes } from '../../runtime/index.js';
import { orderDiagnostics, writeDiagnostics } from '../format/diagnostics.js';
import { line, type Io } from '../io.js';
import { pathList } from '../paths.js';
import { scenariosJson, testStatus } from '../format/test-json.js';

/** The flags of `caesium test` that scenario mode reads. */
export interface ScenarioFlags {
  scenario?: string[];
  verbose?: boolean;
  reporter?: string;
  output?: string;
  engine?: string;
  json?: boolean;
}

const REPORTERS = ['text', 'junit', 'json'] as const;

/** Runs the scenarios named by `--scenario`; resolves to the exit code. */
export async function runScenarios(opts: ScenarioFlags, io: Io): Promise<number> {
  if (opts.json === true && (opts.reporter !== undefined || opts.output !== undefined)) {
    throw new UsageError(
      '--json cannot be combined with --reporter or --output',
      'use --json alone: the document goes to stdout, the lines to stderr',
    );
  }
  const reporterName = opts.reporter ?? 'text';
  if (!(REPORTERS as readonly string[]).includes(reporterName))
    throw new UsageError(`--reporter must be one of ${REPORTERS.join(', ')}; got "${reporterName}"`);
  if (opts.output !== undefined && reporterName === 'text')
    throw new UsageError('--output needs --reporter junit or json', 'the text lines always go to stdout');
  if (opts.engine !== undefined && !(SCENARIO_ENGINES as readonly string[]).includes(opts.engine)) {
    throw new UsageError(`--engine must be one of ${SCENARIO_ENGINES.join(', ')}; got "${opts.engine}"`);
  }
  const failurePolicy = policy(io.env.CAESIUM_TASK_FAILURE_POLICY);
  const cache = cacheDefaultsFromEnv(io.env);
  if (!cache.ok) throw new UsageError(cache.message);
  const paths = pathList(opts.scenario);
  const set = loadScenarios(paths);
  const diagnostics = orderDiagnostics(set.diagnostics, set.files);
  writeDiagnostics(io.err, diagnostics, io.color);
  // With --json, stdout carries only the document (schemas/test-result.v1.json); the lines go to stderr.
  const document = (code: number, report?: HarnessReport): number => {
    if (opts.json === true) line(io.out, JSON.stringify(scenariosJson(report, diagnostics, testStatus(code)), null, 2));
    return code;
  };
  const text = opts.json === true ? io.err : io.out;
  if (isInvalid(set)) {
    io.err.write(`${io.color.red('error')}: no scenario was run: fix the harness problems above\n`);
    return document(2);
  }
  if (set.scenarios.length === 0) {
    line(text, 'No harness scenarios found.');
    io.err.write(`${io.color.red('error')}: no scenarios under ${paths.join(', ')} (directories are searched for *.scenario.yaml)\n`);
    return document(1);
  }

  const reporters: HarnessReporter[] = [];
  if (reporterName === 'text' || opts.output !== undefined) {
    reporters.push(createTextReporter({ write: (s) => text.write(s), verbose: opts.verbose === true, color: io.color }));
  }
  const write = (text: string): void => {
    if (opts.output === undefined) io.out.write(text);
    else {
      mkdirSync(dirname(opts.output), { recursive: true });
      writeFileSync(opts.output, text);
    }
  };
  if (reporterName === 'junit') reporters.push(createJunitReporter(write));
  if (reporterName === 'json') reporters.push(createJsonReporter(write));
  let reporterFailed = false;
  const reporter = fanOut(reporters, (name, hook, error) => {
    reporterFailed = true;
    io.err.write(`caesium: the ${name} reporter failed in ${hook} and was turned off: ${errorText(error)}\n`);
  });

  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const runtimes = createRuntimes(io.env);
  try {
    const report = await runHarness(
      set.scenarios,
      {
        runtimes,
        maxParallel: positive(io.env.CAESIUM_MAX_PARALLEL_TASKS) ?? Math.max(1, availableParallelism()),
        ...(opts.engine === undefined ? {} : { engineOverride: opts.engine as ScenarioEngine }),
        ...(failurePolicy === undefined ? {} : { failurePolicy }),
        cacheDefaults: cache.defaults,
        ...((io.env.CAESIUM_OPEN_LINEAGE_ENABLED ?? '').trim() === ''
          ? {}
          : { lineage: { env: io.env, log: (l: string) => void io.err.write(`caesium: ${l}\n`) } }),
        signal: controller.signal,
      },
      reporter,
    );
    // A reporter that failed (e.g. an unwritable --output) did not stop the scenarios, but the report asked for is missing.
    const floor = reporterFailed ? 2 : 0;
    // Ctrl-C: the engine has stopped the tasks (process groups killed, containers removed) before runHarness resolved.
    if (controller.signal.aborted) {
      io.err.write(`${io.color.red('error')}: interrupted\n`);
      return document(130, report);
    }
    if (report.failed === 0) return document(floor, report);
    io.err.write(`${io.color.red('error')}: one or more checks failed\n`);
    return document(Math.max(floor, 1), report);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await runtimes.closeAll();
  }
}

function positive(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return n > 0 ? n : undefined;
}

function policy(raw: string | undefined): FailurePolicy | undefined {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') return undefined;
  if (value === 'halt' || value === 'continue') return value;
  throw new UsageError(`CAESIUM_TASK_FAILURE_POLICY must be "halt" or "continue"; got "${raw}"`);
}
