import { Command, CommanderError, Option } from 'commander';
import { CaesiumError, errorStack } from '../errors.js';
// Type-only imports: erased at build time, so each command still loads lazily.
import type { TestOptions } from './commands/test.js';
import type { LintOptions } from './commands/lint.js';
import type { PreviewOptions } from './commands/preview.js';
import type { SchemaOptions } from './commands/schema.js';
import type { ApplyFlags } from './remote/apply.js';
import type { BackfillFlags } from './remote/backfill.js';
import type { DiffFlags } from './remote/diff.js';
import type { RunFlags } from './remote/run.js';
import type { LogFlags } from './remote/run-logs.js';
import { processIo, type Io } from './io.js';

/** Exit codes: 0 ok, 1 a check or run failed, 2 usage or configuration error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code.
 * Each command imports its implementation lazily so `job lint` stays fast.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const noColor = argv.includes('--no-color');
  const io = processIo(noColor);
  const program = buildProgram(io);
  let code = EXIT_OK;
  try {
    const done = await program.parseAsync([...argv], { from: 'user' });
    code = (done as Command & { exitCodeResult?: number }).exitCodeResult ?? EXIT_OK;
  } catch (err) {
    code = triage(err, io);
  }
  return code;
}

/** Turns a thrown error into one line (known) or a stack (unknown), and an exit code. */
function triage(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
    return EXIT_USAGE;
  }
  if (err instanceof CaesiumError) {
    const where = err.position ? `${err.position.file}:${err.position.line}:${err.position.col}: ` : '';
    io.err.write(`${io.color.red('error')}: ${where}${err.message}\n`);
    if (err.hint !== undefined) io.err.write(`  ${io.color.dim(`hint: ${err.hint}`)}\n`);
    return err.exitCode;
  }
  io.err.write(`${io.color.red('unexpected error')}: ${errorStack(err)}\n`);
  return EXIT_FAILED;
}

/** Sets the exit code a command resolved to on the program. */
function finish(cmd: Command, code: number): void {
  let root: Command = cmd;
  while (root.parent) root = root.parent;
  (root as Command & { exitCodeResult?: number }).exitCodeResult = code;
}

function buildProgram(io: Io): Command {
  const program = new Command('caesium')
    .description('Declarative DAG job pipelines: validate, preview, run locally, assert in CI, schedule on a server.')
    .option('--no-color', 'disable colours (also NO_COLOR=1)')
    .showHelpAfterError('(run with --help for usage)')
    .version(VERSION, '--version', 'print the version');
  // Before any subcommand is added: commands copy these settings when created,
  // so that usage errors of `job lint` also reach triage (exit 2) and the Io.
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => io.out.write(s),
    writeErr: (s) => io.err.write(s),
  });
  program.configureHelp({ sortSubcommands: false });

  program
    .command('test')
    .description('Validate job definitions and print their DAG summary; with --scenario, run harness scenarios')
    .option('-p, --path <path>', 'file or directory to load (repeatable; default .)', collect)
    .option('--scenario <path>', 'run harness scenarios from a file or directory (repeatable)', collect)
    .option('--check-images', 'ask the local Docker engine whether each image is present')
    .option('-v, --verbose', 'print roots, leaves and each step (with --scenario: the run and each task)')
    .addOption(new Option('--reporter <name>', 'with --scenario: report format').choices(['text', 'junit', 'json']))
    .option('--output <file>', 'with --scenario and --reporter junit|json: write the report to this file (the text lines stay on stdout)')
    .addOption(new Option('--engine <engine>', 'with --scenario: run every step of every scenario on this engine').choices(['local', 'docker', 'podman']))
    .addHelpText('after', '\nExamples:\n  $ caesium test --path examples/\n  $ caesium test -p jobs/etl.yaml --verbose --check-images\n  $ caesium test --scenario harness/ --engine local --verbose\n  $ caesium test --scenario harness/ --reporter junit --output reports/harness.xml\n\nExit codes: 0 all passed (a missing image is only reported), 1 a definition, image\ncheck or scenario failed or nothing was found, 2 a bad --path, an invalid harness file\nor an unreachable container engine.\n')
    .action(async (opts: TestOptions, cmd: Command) => {
      const { runTest } = await import('./commands/test.js');
      finish(cmd, await runTest(opts, io));
    });

  program
    .command('dev')
    .description('Run job definitions locally through the engine, and again whenever their files change')
    .option('-p, --path <path>', 'file or directory to load (repeatable; default .)', collect)
    .option('--alias <alias>', 'run only the job with this alias')
    .option('--engine <engine>', 'run every step on this engine: local, docker or podman')
    .option('--param <k=v>', 'run parameter over trigger.defaultParams (repeatable)', collect)
    .option('--max-parallel <n>', 'tasks running at once (default: CAESIUM_MAX_PARALLEL_TASKS, else the CPU count)')
    .option('--task-timeout <duration>', 'per-attempt task timeout, overrides metadata.taskTimeout (e.g. 5m)')
    .option('--run-timeout <duration>', 'whole-run timeout, overrides metadata.runTimeout (e.g. 30m)')
    .option('--logs', 'print every task log line, prefixed by its step name')
    .option('--once', 'run once and exit instead of watching the files')
    .option('--cache-dir <dir>', 'keep the task cache file (cache.db) in this directory (default: .caesium beside the first job file)')
    .option('--no-cache', 'bypass the task cache: run every step, store nothing')
    .addHelpText(
      'after',
      '\nExamples:\n  $ caesium dev --once --path examples/local-engine.yaml\n  $ caesium dev -p jobs/ --alias etl --engine local --param day=2024-01-01 --logs\n  $ caesium dev --once -p examples/cached.yaml --engine local   # again: every step CACHE\n\nTask cache: steps with `cache` (or every step with CAESIUM_CACHE_ENABLED=true) reuse\nthe result of an earlier run with identical inputs, kept in .caesium/cache.db beside\nthe job files (add .caesium/ to .gitignore).\n',
    )
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { runDev } = await import('./commands/dev.js');
      finish(cmd, await runDev(opts, io));
    });

  const job = program.command('job').description('Work with job definitions');

  job
    .command('lint')
    .description('Report every problem in job definitions, each at file:line:col with a hint')
    .option('-p, --path <path>', 'file or directory to lint (repeatable; default .)', collect)
    .option('--strict', 'treat warnings as errors')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .addHelpText(
      'after',
      '\nExamples:\n  $ caesium job lint --path jobs/\n  $ caesium job lint -p jobs/ --strict --format github\n  $ caesium job lint -p job.yaml --format json | jq .summary\n\nThe JSON shape is documented in docs/lint-json.md.\n',
    )
    .action(async (opts: LintOptions, cmd: Command) => {
      const { runLint } = await import('./commands/lint.js');
      finish(cmd, await runLint(opts, io));
    });

  job
    .command('preview')
    .description('Draw the DAG of each job definition')
    .option('-p, --path <path>', 'file or directory to load (repeatable; default .)', collect)
    .addOption(new Option('--format <format>', 'drawing format').choices(['ascii', 'mermaid', 'dot']).default('ascii'))
    .addHelpText(
      'after',
      '\nExamples:\n  $ caesium job preview --path examples/fan-out-fan-in.yaml\n  $ caesium job preview -p job.yaml --format mermaid\n  $ caesium job preview -p job.yaml --format dot | dot -Tsvg > dag.svg\n',
    )
    .action(async (opts: PreviewOptions, cmd: Command) => {
      const { runPreview } = await import('./commands/preview.js');
      finish(cmd, await runPreview(opts, io));
    });

  job
    .command('schema')
    .description('Print the job definition JSON Schema, its Markdown reference, or a summary of definitions')
    .option('--doc', 'print the Markdown reference generated from the schema')
    .option('--json', 'print the JSON Schema itself')
    .option('--summary', 'summarise the definitions found under --path')
    .option('-p, --path <path>', 'file or directory for --summary (repeatable; default .)', collect)
    .option('--markdown', 'with --summary: print a Markdown table')
    .addHelpText('after', '\nExamples:\n  $ caesium job schema --doc > job-schema-reference.md\n  $ caesium job schema --json > job.v1.json\n  $ caesium job schema --summary --path jobs/ --markdown\n')
    .action(async (opts: SchemaOptions, cmd: Command) => {
      const { runSchema } = await import('./commands/schema.js');
      finish(cmd, await runSchema(opts, io));
    });

  // Server mode: `caesium server` (alias `start`) and the remote commands that talk to it.
  program
    .command('server')
    .alias('start')
    .description('Run the caesium server: REST API, cron and HTTP triggers, manual runs, backfills, callbacks, live events and metrics; configured by CAESIUM_* variables')
    .addHelpText(
      'after',
      '\nEnvironment:\n  CAESIUM_PORT                   port to listen on (default 8080; 0 picks a free one)\n  CAESIUM_HOST                   address to bind (default 0.0.0.0)\n  CAESIUM_DATABASE_TYPE          sqlite (default) or memory\n  CAESIUM_DATABASE_PATH          SQLite file (default ./.caesium/caesium.db)\n  CAESIUM_DATABASE_SYNCHRONOUS   full (default; commits survive power loss) or normal (survive a crash of the process, may lose the last commits on power loss)\n  CAESIUM_MAX_PARALLEL_TASKS     tasks per run at once (default: the CPU count)\n  CAESIUM_MAX_ACTIVE_RUNS        runs executing at once; later ones wait, oldest first (default: 4 × the CPU count)\n  CAESIUM_SHUTDOWN_GRACE_PERIOD  how long runs may take to stop on SIGTERM (default 30s)\n  CAESIUM_NODE_ADDRESS           address of this node in GET /v1/nodes/:address/workers (default: the host:port it listens on)\n  CAESIUM_EVENT_RETENTION        how long execution events are kept for GET /v1/events replay (default 168h; 0 keeps all)\n  CAESIUM_WEBHOOK_RATE_LIMIT_PER_MINUTE, CAESIUM_WEBHOOK_RATE_LIMIT_BURST\n                                 per-client limit on POST /v1/hooks/* (default 120 a minute, bursts of 20; 0 turns it off)\n  CAESIUM_WEBHOOK_MAX_BODY_SIZE  largest hook request body (default 1MB)\n  CAESIUM_TRUSTED_PROXIES        proxies (addresses or CIDRs) whose X-Forwarded-For names the client\n  CAESIUM_JOBDEF_SECRETS_ENABLE_ENV  resolve secret://env/NAME from the server environment (default true)\n  CAESIUM_CACHE_ENABLED, CAESIUM_CACHE_TTL  task cache for every job (default off; steps opt in with cache:)\n\nExamples:\n  $ caesium server\n  $ CAESIUM_PORT=9090 CAESIUM_DATABASE_PATH=/var/lib/caesium/caesium.db caesium start\n',
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const { runServerCommand } = await import('./commands/server.js');
      finish(cmd, await runServerCommand(io));
    });

  const remote = (c: Command): Command =>
    c
      .option('--server <url>', 'the caesium server (default http://localhost:8080)')
      .option('--api-key <key>', 'API key (prefer CAESIUM_API_KEY: flags show in process listings)')
      .option('--json', 'print the server\'s JSON');

  remote(
    job
      .command('apply')
      .description('Validate job definitions and apply them to a server as one batch (all or none)')
      .option('-p, --path <path>', 'file or directory to load (repeatable; default .)', collect)
      .option('--force', 'apply even over a provenance conflict or a running run')
      .option('--prune', 'retire jobs previously applied from the same --provenance-source-id that are not in this batch')
      .option('--provenance-source-id <id>', 'where these definitions come from (needed by --prune)')
      .option('--provenance-repo <repo>', 'provenance: repository')
      .option('--provenance-ref <ref>', 'provenance: branch or tag')
      .option('--provenance-commit <sha>', 'provenance: commit')
      .option('--provenance-path <path>', 'provenance: path inside the repository'),
  )
    .addHelpText('after', '\nExamples:\n  $ caesium job apply --path jobs/\n  $ caesium job apply -p jobs/ --server http://caesium:8080 --provenance-source-id repo-a --prune\n')
    .action(async (opts: ApplyFlags, cmd: Command) => {
      const { runApply } = await import('./remote/apply.js');
      finish(cmd, await runApply(opts, io));
    });
  remote(
    job
      .command('diff')
      .description("Compare job definitions with the server's current versions (Creates / Updates / Deletes)")
      .option('-p, --path <path>', 'file or directory to load (repeatable; default .)', collect)
      .option('--provenance-source-id <id>', 'list as Deletes only jobs applied from this source (what apply --prune would retire)')
      .option('--exit-code', 'exit 1 when there are changes (default: 0 either way)'),
  )
    .addHelpText('after', '\nExamples:\n  $ caesium job diff --path jobs/\n  $ caesium job diff -p jobs/ --server http://caesium:8080 --provenance-source-id repo-a --exit-code\n')
    .action(async (opts: DiffFlags, cmd: Command) => {
      const { runDiff } = await import('./remote/diff.js');
      finish(cmd, await runDiff(opts, io));
    });

  const run = program.command('run').description('Start and inspect runs on a server');
  remote(run.command('start').description('Start a run of a job and print its id'))
    .option('--job-id <id>', 'the job (its id, or its alias)')
    .option('--params <k=v>', 'run parameter over trigger.defaultParams (repeatable)', collect)
    .addHelpText('after', '\nExamples:\n  $ caesium run start --job-id local-engine --params day=2024-01-01\n')
    .action(async (opts: RunFlags, cmd: Command) => {
      const { runStart } = await import('./remote/run.js');
      finish(cmd, await runStart(opts, io));
    });
  remote(run.command('list').description("List a job's runs, newest first"))
    .option('--job-id <id>', 'the job (its id, or its alias)')
    .option('--limit <n>', 'runs per page (default 20)')
    .option('--offset <n>', 'runs to skip (default 0)')
    .action(async (opts: RunFlags, cmd: Command) => {
      const { runList } = await import('./remote/run.js');
      finish(cmd, await runList(opts, io));
    });
  remote(run.command('get').description('Show one run and its tasks'))
    .option('--job-id <id>', 'the job (its id, or its alias)')
    .option('--run-id <id>', 'the run')
    .action(async (opts: RunFlags, cmd: Command) => {
      const { runGet } = await import('./remote/run.js');
      finish(cmd, await runGet(opts, io));
    });
  remote(run.command('retry-callbacks').description('Invoke again the callbacks of a run whose latest attempt failed'))
    .option('--job-id <id>', 'the job (its id, or its alias)')
    .option('--run-id <id>', 'the run')
    .action(async (opts: RunFlags, cmd: Command) => {
      const { runRetryCallbacks } = await import('./remote/run-callbacks.js');
      finish(cmd, await runRetryCallbacks(opts, io));
    });
  remote(run.command('logs').description("Print a task's log; with --follow, stream it until the task ends"))
    .option('--job-id <id>', 'the job (its id, or its alias)')
    .option('--run-id <id>', 'the run')
    .option('--task <name>', 'the step (its name or task id)')
    .option('-f, --follow', 'stream the output as it is written, until the task ends')
    .addHelpText('after', '\nExamples:\n  $ caesium run logs --job-id etl --run-id 0f1c… --task fetch\n  $ caesium run logs --job-id etl --run-id 0f1c… --task fetch --follow\n')
    .action(async (opts: LogFlags, cmd: Command) => {
      const { runLogs } = await import('./remote/run-logs.js');
      finish(cmd, await runLogs(opts, io));
    });

  const backfill = program.command('backfill').description("Run a job's cron slots over a past time range on a server");
  remote(backfill.command('create').description('Start a backfill: one run per cron slot in [start, end), each with logical_date'))
    .option('--job-id <id>', 'the job (its id, or its alias)')
    .option('--start <time>', 'first slot at or after this RFC 3339 time')
    .option('--end <time>', 'slots before this RFC 3339 time')
    .option('--max-concurrent <n>', 'runs in flight at once (default 1)')
    .addOption(new Option('--reprocess <which>', 'slots that already have a run: none skips them, failed re-runs failed ones, all re-runs every one').choices(['none', 'failed', 'all']))
    .addHelpText('after', '\nExamples:\n  $ caesium backfill create --job-id nightly --start 2024-01-01T00:00:00Z --end 2024-01-08T00:00:00Z --max-concurrent 2\n')
    .action(async (opts: BackfillFlags, cmd: Command) => {
      const { backfillCreate } = await import('./remote/backfill.js');
      finish(cmd, await backfillCreate(opts, io));
    });
  remote(backfill.command('list').description("List a job's backfills, newest first"))
    .option('--job-id <id>', 'the job (its id, or its alias)')
    .action(async (opts: BackfillFlags, cmd: Command) => {
      const { backfillList } = await import('./remote/backfill.js');
      finish(cmd, await backfillList(opts, io));
    });
  remote(backfill.command('cancel').description('Stop a running backfill from launching more runs (runs in flight finish)'))
    .option('--job-id <id>', 'the job (its id, or its alias)')
    .option('--backfill-id <id>', 'the backfill')
    .action(async (opts: BackfillFlags, cmd: Command) => {
      const { backfillCancel } = await import('./remote/backfill.js');
      finish(cmd, await backfillCancel(opts, io));
    });

  return program;
}

const VERSION = '0.1.0';
