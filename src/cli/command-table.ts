/**
 * Every command of the CLI, its flags and its help, in the order `--help`
 * lists them. `program.ts` builds the commander program from this table and
 * `npm run docs` generates docs/cli.md from it. A command's implementation is
 * imported only when it runs, so `caesium job lint` stays fast.
 */
import { helpText, pathFlag, type CommandSpec } from './command-spec.js';
import { SERVER_COMMANDS } from './server-commands.js';
import { AUTH_COMMANDS } from './auth-commands.js';
import { INVENTORY_COMMANDS } from './inventory-commands.js';

/** The program itself: its description and global flags. */
/** The one exit-code convention of every command (docs/decisions.md §13). */
export const EXIT_CODES = 'Exit codes: 0 ok, 1 a check or run failed, 2 a usage or configuration error, 130 stopped by Ctrl-C.';

export const ROOT: CommandSpec = {
  path: [],
  summary: 'Declarative DAG job pipelines: validate, preview, run locally, assert in CI, schedule on a server.',
  details: helpText('', EXIT_CODES),
  flags: [{ flags: '--no-color', help: 'disable colours (also NO_COLOR=1)' }],
};

const LOCAL_COMMANDS: CommandSpec[] = [
  {
    path: ['test'],
    prints: 'lines',
    summary: 'Validate job definitions and print their DAG summary; with --scenario, run harness scenarios',
    flags: [
      pathFlag(),
      { flags: '--scenario <path>', help: 'run harness scenarios from a file or directory (repeatable)', repeatable: true },
      { flags: '--check-images', help: 'ask the local Docker engine whether each image is present' },
      { flags: '-v, --verbose', help: 'print roots, leaves and each step (with --scenario: the run and each task)' },
      {
        flags: '--json',
        help: 'print one JSON document on stdout (schemas/test-result.v1.json), also with --scenario; the lines go to stderr',
      },
      { flags: '--reporter <name>', help: 'with --scenario: report format', choices: ['text', 'junit', 'json'] },
      {
        flags: '--output <file>',
        help: 'with --scenario and --reporter junit|json: write the report to this file (the text lines stay on stdout)',
      },
      {
        flags: '--engine <engine>',
        help: 'with --scenario: run every step of every scenario on this engine',
        choices: ['local', 'docker', 'podman'],
      },
    ],
    details: helpText(
      '',
      'Examples:',
      '  $ caesium test --path examples/',
      '  $ caesium test -p jobs/etl.yaml --verbose --check-images',
      '  $ caesium test --scenario harness/ --engine local --verbose',
      '  $ caesium test --scenario harness/ --reporter junit --output reports/harness.xml',
      '  $ caesium test --scenario harness/ --json | jq .scenarios[0].runs[0].tasks',
      '',
      'Exit codes: 0 all passed (a missing image is only reported), 1 a definition, image',
      'check or scenario failed or nothing was found, 2 a bad --path, an invalid harness file',
      'or an unreachable container engine, 130 Ctrl-C stopped the scenarios (their tasks are',
      'stopped and their containers removed first).',
    ),
    run: async (flags, io) => (await import('./commands/test.js')).runTest(flags, io),
  },
  {
    path: ['dev'],
    prints: 'lines',
    summary: 'Run job definitions locally through the engine, and again whenever their files change',
    flags: [
      pathFlag(),
      { flags: '--alias <alias>', help: 'run only the job with this alias' },
      { flags: '--engine <engine>', help: 'run every step on this engine: local, docker or podman' },
      { flags: '--param <k=v>', help: 'run parameter over trigger.defaultParams (repeatable)', repeatable: true },
      { flags: '--max-parallel <n>', help: 'tasks running at once (default: CAESIUM_MAX_PARALLEL_TASKS, else the CPU count)' },
      { flags: '--task-timeout <duration>', help: 'per-attempt task timeout, overrides metadata.taskTimeout (e.g. 5m)' },
      { flags: '--run-timeout <duration>', help: 'whole-run timeout, overrides metadata.runTimeout (e.g. 30m)' },
      { flags: '--logs', help: 'print every task log line, prefixed by its step name' },
      { flags: '--once', help: 'run once and exit instead of watching the files' },
      {
        flags: '--json',
        help: 'with --once: print one JSON document of the runs on stdout (schemas/run-result.v1.json); the lines go to stderr',
      },
      {
        flags: '--cache-dir <dir>',
        help: 'keep the task cache file (cache.db) in this directory (default: .caesium beside the first job file)',
      },
      { flags: '--no-cache', help: 'bypass the task cache: run every step, store nothing' },
      {
        flags: '--env-file <file>',
        help: 'dotenv file: plain env of every step and values for secret://env/NAME (repeatable; later files win)',
        repeatable: true,
      },
      {
        flags: '--from <step>',
        help: 'partial run: this step and everything downstream of it; the steps before it come from the task cache, or are not run',
      },
      {
        flags: '--only <steps>',
        help: 'partial run: only these steps (comma list, repeatable); the steps before them come from the task cache, or are not run',
        repeatable: true,
      },
      { flags: '--failed', help: 'partial run: the steps that did not succeed in the last local run of the job (kept in .caesium/)' },
      {
        flags: '--dry-run',
        help: 'print the plan (which steps run, which hit the cache and why, the env with secrets as ***) and run nothing',
      },
      {
        flags: '--explain-cache',
        help: 'after each run, print per step whether it hit the cache and why, or what changed since the stored result',
      },
    ],
    details: helpText(
      '',
      'Examples:',
      '  $ caesium dev --once --path examples/local-engine.yaml',
      '  $ caesium dev --once -p jobs/etl.yaml --from transform   # transform and its downstream',
      '  $ caesium dev -p jobs/ --alias etl --engine local --param day=2024-01-01 --logs',
      '  $ caesium dev --once -p examples/cached.yaml --engine local   # again: every step CACHE',
      '  $ caesium dev --once --json -p jobs/etl.yaml | jq .runs[0].tasks',
      '',
      '  $ caesium dev --once -p jobs/etl.yaml --failed          # re-run what failed last time',
      '  $ caesium dev --once -p jobs/etl.yaml --dry-run --from load',
      '  $ caesium dev --once -p jobs/etl.yaml --explain-cache',
      '',
      'Task cache: steps with `cache` (or every step with CAESIUM_CACHE_ENABLED=true) reuse',
      'the result of an earlier run with identical inputs, kept in .caesium/cache.db beside',
      'the job files (add .caesium/ to .gitignore). `cache.inputs` lists globs of files the',
      'result depends on (relative to the job file); files an engine: local command names',
      'are hashed too, so editing a script misses the cache.',
      '',
      'Partial runs (--from, --only, --failed): a step before the kept ones whose result is in',
      'the task cache is taken from it (its outputs flow on, marked CACHE); one that is not is',
      'left out with a note. The result of each local run is kept in .caesium/last-run/ for',
      '--failed. These flags work in watch mode too: every change re-runs the same selection.',
    ),
    run: async (flags, io) => (await import('./commands/dev.js')).runDev(flags, io),
  },
  { path: ['job'], summary: 'Work with job definitions' },
  {
    path: ['job', 'lint'],
    prints: 'lines',
    aliases: [['lint']],
    summary: 'Report every problem in job definitions, each at file:line:col with a hint',
    flags: [
      pathFlag('file or directory to lint (repeatable; default .)'),
      { flags: '--strict', help: 'treat warnings as errors' },
      { flags: '--format <format>', help: 'output format', choices: ['text', 'json', 'github'], default: 'text' },
      { flags: '--check-secrets', help: 'resolve every secret:// reference of step env and report the ones that do not resolve' },
      { flags: '-v, --verbose', help: 'also list the documents skipped as not job definitions (text format)' },
    ],
    details: helpText(
      '',
      'Examples:',
      '  $ caesium job lint --path jobs/',
      '  $ caesium job lint -p jobs/ --check-secrets',
      '  $ caesium job lint -p jobs/ --strict --format github',
      '  $ caesium job lint -p job.yaml --format json | jq .summary',
      '',
      'The JSON shape is documented in docs/lint-json.md.',
    ),
    run: async (flags, io) => (await import('./commands/lint.js')).runLint(flags, io),
  },
  {
    path: ['job', 'preview'],
    prints: 'document',
    aliases: [['preview']],
    summary: 'Draw the DAG of each job definition',
    flags: [pathFlag(), { flags: '--format <format>', help: 'drawing format', choices: ['ascii', 'mermaid', 'dot'], default: 'ascii' }],
    details: helpText(
      '',
      'Examples:',
      '  $ caesium job preview --path examples/fan-out-fan-in.yaml',
      '  $ caesium job preview -p job.yaml --format mermaid',
      '  $ caesium job preview -p job.yaml --format dot | dot -Tsvg > dag.svg',
    ),
    run: async (flags, io) => (await import('./commands/preview.js')).runPreview(flags, io),
  },
  {
    path: ['job', 'schema'],
    prints: 'table',
    summary: 'Print the job definition JSON Schema, its Markdown reference, or a summary of definitions',
    flags: [
      { flags: '--doc', help: 'print the Markdown reference generated from the schema' },
      { flags: '--json', help: 'print the JSON Schema itself; with --summary, the summary as one JSON document' },
      { flags: '--summary', help: 'summarise the definitions found under --path' },
      pathFlag('file or directory for --summary (repeatable; default .)'),
      { flags: '--markdown', help: 'with --summary: print a Markdown table' },
    ],
    details: helpText(
      '',
      'Examples:',
      '  $ caesium job schema --doc > job-schema-reference.md',
      '  $ caesium job schema --json > job.v1.json',
      '  $ caesium job schema --summary --path jobs/ --markdown',
    ),
    run: async (flags, io) => (await import('./commands/schema.js')).runSchema(flags, io),
  },
];

/** Every command, groups before their members, in help order. */
export const COMMANDS: readonly CommandSpec[] = [...LOCAL_COMMANDS, ...SERVER_COMMANDS, ...INVENTORY_COMMANDS, ...AUTH_COMMANDS];
