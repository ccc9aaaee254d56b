/**
 * The server-mode rows of the command table: `caesium server` (alias `start`,
 * `s`) and the commands that talk to a server over REST.
 */
import { helpText, pathFlag, type CommandSpec, type FlagSpec } from './command-spec.js';

/** The flags of every command that talks to a server. */
const REMOTE: readonly FlagSpec[] = [
  { flags: '--server <url>', help: 'the caesium server (default http://localhost:8080)' },
  { flags: '--api-key <key>', help: 'API key (prefer CAESIUM_API_KEY: flags show in process listings)' },
  { flags: '--json', help: "print the server's JSON" },
];

const JOB_ID: FlagSpec = { flags: '--job-id <id>', help: 'the job (its id, or its alias)' };
const RUN_ID: FlagSpec = { flags: '--run-id <id>', help: 'the run' };

const SERVER_ENVIRONMENT = helpText(
  '',
  'Environment:',
  '  CAESIUM_PORT                   port to listen on (default 8080; 0 picks a free one)',
  '  CAESIUM_HOST                   address to bind (default 127.0.0.1 with auth off, 0.0.0.0 in api-key mode)',
  '  CAESIUM_AUTH_MODE              none (default) or api-key: every route but /health, /auth/status and hooks needs a key',
  '  CAESIUM_AUTH_KEY_HASH_SECRET   api-key mode: secret (at least 32 characters) the stored key hashes are keyed with',
  '  CAESIUM_AUTH_REQUIRE_TLS       api-key mode: refuse plain HTTP on a non-loopback address (default true)',
  '  CAESIUM_AUTH_RATE_LIMIT_PER_MINUTE  failed authentications per client per minute before 429 (default 10)',
  '  CAESIUM_METRICS_PUBLIC         serve /metrics without a key in api-key mode (default false)',
  '  CAESIUM_TLS_CERT, CAESIUM_TLS_KEY  PEM certificate and key: serve HTTPS',
  '  CAESIUM_DATABASE_TYPE          sqlite (default), memory, or postgres (many servers on one database)',
  '  CAESIUM_DATABASE_DSN           the PostgreSQL database, e.g. postgres://user:password@127.0.0.1:5432/caesium',
  '  CAESIUM_DATABASE_PATH          SQLite file (default ./.caesium/caesium.db)',
  '  CAESIUM_DATABASE_SYNCHRONOUS   full (default; commits survive power loss) or normal (survive a crash of the process, may lose the last commits on power loss)',
  '  CAESIUM_MAX_PARALLEL_TASKS     tasks per run at once (default: the CPU count)',
  '  CAESIUM_MAX_ACTIVE_RUNS        runs executing at once; later ones wait, oldest first (default: 4 × the CPU count)',
  '  CAESIUM_SHUTDOWN_GRACE_PERIOD  how long runs may take to stop on SIGTERM (default 30s)',
  '  CAESIUM_NODE_ADDRESS           address of this node in GET /v1/nodes/:address/workers (default: the host:port it listens on)',
  '  CAESIUM_EVENT_RETENTION        how long execution events are kept for GET /v1/events replay (default 168h; 0 keeps all)',
  '  CAESIUM_RUN_RETENTION          finished runs older than this are deleted by a background sweep (default: kept)',
  '  CAESIUM_RUN_RETENTION_COUNT    finished runs past this many newest per job are deleted by the sweep (default: kept)',
  '  CAESIUM_WEBHOOK_RATE_LIMIT_PER_MINUTE, CAESIUM_WEBHOOK_RATE_LIMIT_BURST',
  '                                 per-client limit on POST /v1/hooks/* (default 120 a minute, bursts of 20; 0 turns it off)',
  '  CAESIUM_WEBHOOK_MAX_BODY_SIZE  largest hook request body (default 1MB)',
  '  CAESIUM_TRUSTED_PROXIES        proxies (addresses or CIDRs) whose X-Forwarded-For names the client',
  '  CAESIUM_JOBDEF_SECRETS_ENABLE_ENV  resolve secret://env/NAME from the server environment (default true)',
  "  CAESIUM_JOBDEF_SECRETS_FILE_DIR    secret://file/NAME reads this directory's file NAME",
  '  CAESIUM_JOBDEF_SECRETS_VAULT_ADDRESS, _TOKEN, _NAMESPACE, _CA_CERT, _SKIP_VERIFY',
  "                                 secret://vault/<mount>/data/<path>/<field> through Vault's KV v2 API",
  '  CAESIUM_OPEN_LINEAGE_ENABLED, _TRANSPORT, _URL, _FILE_PATH  emit OpenLineage run events (default off)',
  '  CAESIUM_CACHE_ENABLED, CAESIUM_CACHE_TTL  task cache for every job (default off; steps opt in with cache:)',
  '  CAESIUM_LOG_LEVEL, CAESIUM_LOG_FORMAT  the server log: debug, info (default), warn, error or fatal; json (default) or text',
  '  CAESIUM_LOG_CONSOLE_ENABLED    serve GET /v1/logs/stream and GET/PUT /v1/logs/level (default false)',
  '  CAESIUM_DATABASE_CONSOLE_ENABLED  serve GET /v1/database/schema and read-only POST /v1/database/query (default false)',
  '  CAESIUM_DATABASE_CONSOLE_TIMEOUT  time limit of one database console query (default 10s)',
  '',
  'Examples:',
  '  $ caesium server',
  '  $ CAESIUM_PORT=9090 CAESIUM_DATABASE_PATH=/var/lib/caesium/caesium.db caesium start',
);

export const SERVER_COMMANDS: CommandSpec[] = [
  {
    path: ['job', 'apply'],
    aliases: [['apply']],
    summary: 'Validate job definitions and apply them to a server as one batch (all or none)',
    flags: [
      pathFlag(),
      { flags: '--force', help: 'apply even over a provenance conflict or a running run' },
      { flags: '--prune', help: 'retire jobs previously applied from the same --provenance-source-id that are not in this batch' },
      { flags: '--provenance-source-id <id>', help: 'where these definitions come from (needed by --prune)' },
      { flags: '--provenance-repo <repo>', help: 'provenance: repository' },
      { flags: '--provenance-ref <ref>', help: 'provenance: branch or tag' },
      { flags: '--provenance-commit <sha>', help: 'provenance: commit' },
      { flags: '--provenance-path <path>', help: 'provenance: path inside the repository' },
      ...REMOTE,
    ],
    details: helpText(
      '',
      'Examples:',
      '  $ caesium job apply --path jobs/',
      '  $ caesium job apply -p jobs/ --server http://caesium:8080 --provenance-source-id repo-a --prune',
    ),
    run: async (flags, io) => (await import('./remote/apply.js')).runApply(flags, io),
  },
  {
    path: ['job', 'diff'],
    aliases: [['diff']],
    summary: "Compare job definitions with the server's current versions (Creates / Updates / Deletes)",
    flags: [
      pathFlag(),
      {
        flags: '--provenance-source-id <id>',
        help: 'list as Deletes only jobs applied from this source (what apply --prune would retire)',
      },
      { flags: '--exit-code', help: 'exit 1 when there are changes (default: 0 either way)' },
      ...REMOTE,
    ],
    details: helpText(
      '',
      'Examples:',
      '  $ caesium job diff --path jobs/',
      '  $ caesium job diff -p jobs/ --server http://caesium:8080 --provenance-source-id repo-a --exit-code',
    ),
    run: async (flags, io) => (await import('./remote/diff.js')).runDiff(flags, io),
  },
  {
    path: ['server'],
    aliases: [['start'], ['s']],
    summary:
      'Run the caesium server: REST API, cron and HTTP triggers, manual runs, backfills, callbacks, live events and metrics; configured by CAESIUM_* variables',
    details: SERVER_ENVIRONMENT,
    run: async (_flags, io) => (await import('./commands/server.js')).runServerCommand(io),
  },
  { path: ['run'], summary: 'Start and inspect runs on a server' },
  {
    path: ['run', 'start'],
    summary: 'Start a run of a job and print its id',
    flags: [
      ...REMOTE,
      JOB_ID,
      { flags: '--params <k=v>', help: 'run parameter over trigger.defaultParams (repeatable)', repeatable: true },
    ],
    details: helpText('', 'Examples:', '  $ caesium run start --job-id local-engine --params day=2024-01-01'),
    run: async (flags, io) => (await import('./remote/run.js')).runStart(flags, io),
  },
  {
    path: ['run', 'list'],
    summary: "List a job's runs, newest first",
    flags: [
      ...REMOTE,
      JOB_ID,
      { flags: '--limit <n>', help: 'runs per page (default 20)' },
      { flags: '--offset <n>', help: 'runs to skip (default 0)' },
    ],
    run: async (flags, io) => (await import('./remote/run.js')).runList(flags, io),
  },
  {
    path: ['run', 'get'],
    summary: 'Show one run and its tasks',
    flags: [...REMOTE, JOB_ID, RUN_ID],
    run: async (flags, io) => (await import('./remote/run.js')).runGet(flags, io),
  },
  {
    path: ['run', 'cancel'],
    summary: 'Cancel a running run: stop its running tasks, cancel its pending ones',
    flags: [...REMOTE, JOB_ID, RUN_ID, { flags: '--by <name>', help: 'who cancels, recorded on the run (default: the local user name)' }],
    details: helpText('', 'Examples:', '  $ caesium run cancel --job-id etl --run-id 0f1c…'),
    run: async (flags, io) => (await import('./remote/run-cancel.js')).runCancel(flags, io),
  },
  {
    path: ['run', 'retry-callbacks'],
    summary: 'Invoke again the callbacks of a run whose latest attempt failed',
    flags: [...REMOTE, JOB_ID, RUN_ID],
    run: async (flags, io) => (await import('./remote/run-callbacks.js')).runRetryCallbacks(flags, io),
  },
  {
    path: ['run', 'logs'],
    summary: "Print a task's log; with --follow, stream it until the task ends",
    flags: [
      ...REMOTE,
      JOB_ID,
      RUN_ID,
      { flags: '--task <name>', help: 'the step (its name or task id)' },
      { flags: '-f, --follow', help: 'stream the output as it is written, until the task ends' },
    ],
    details: helpText(
      '',
      'Examples:',
      '  $ caesium run logs --job-id etl --run-id 0f1c… --task fetch',
      '  $ caesium run logs --job-id etl --run-id 0f1c… --task fetch --follow',
    ),
    run: async (flags, io) => (await import('./remote/run-logs.js')).runLogs(flags, io),
  },
  { path: ['backfill'], summary: "Run a job's cron slots over a past time range on a server" },
  {
    path: ['backfill', 'create'],
    summary: 'Start a backfill: one run per cron slot in [start, end), each with logical_date',
    flags: [
      ...REMOTE,
      JOB_ID,
      { flags: '--start <time>', help: 'first slot at or after this RFC 3339 time' },
      { flags: '--end <time>', help: 'slots before this RFC 3339 time' },
      { flags: '--max-concurrent <n>', help: 'runs in flight at once (default 1)' },
      {
        flags: '--reprocess <which>',
        help: 'slots that already have a run: none skips them, failed re-runs failed ones, all re-runs every one',
        choices: ['none', 'failed', 'all'],
      },
    ],
    details: helpText(
      '',
      'Examples:',
      '  $ caesium backfill create --job-id nightly --start 2024-01-01T00:00:00Z --end 2024-01-08T00:00:00Z --max-concurrent 2',
    ),
    run: async (flags, io) => (await import('./remote/backfill.js')).backfillCreate(flags, io),
  },
  {
    path: ['backfill', 'list'],
    summary: "List a job's backfills, newest first",
    flags: [...REMOTE, JOB_ID],
    run: async (flags, io) => (await import('./remote/backfill.js')).backfillList(flags, io),
  },
  {
    path: ['backfill', 'cancel'],
    summary: 'Stop a running backfill from launching more runs (runs in flight finish)',
    flags: [...REMOTE, JOB_ID, { flags: '--backfill-id <id>', help: 'the backfill' }],
    run: async (flags, io) => (await import('./remote/backfill.js')).backfillCancel(flags, io),
  },
  { path: ['node'], summary: 'The servers sharing one database' },
  {
    path: ['node', 'list'],
    summary: 'List the live nodes: address, labels, heartbeat, runs and running tasks, capacity',
    flags: [...REMOTE],
    details: helpText('', 'Examples:', '  $ caesium node list --server http://127.0.0.1:8081', '  $ caesium node list --json'),
    run: async (flags, io) => (await import('./remote/nodes.js')).nodeList(flags, io),
  },
  { path: ['admin'], summary: 'Maintain a server' },
  {
    path: ['admin', 'prune'],
    summary: "Delete a server's old finished runs (with their task runs, logs and events) now",
    flags: [
      ...REMOTE,
      { flags: '--dry-run', help: 'list the runs that would go, delete nothing' },
      { flags: '--older-than <duration>', help: 'finished runs older than this (default: CAESIUM_RUN_RETENTION of the server)' },
      { flags: '--keep-per-job <n>', help: 'finished runs past the newest n of their job (default: CAESIUM_RUN_RETENTION_COUNT)' },
    ],
    details: helpText('', 'Examples:', '  $ caesium admin prune --dry-run', '  $ caesium admin prune --older-than 30d --keep-per-job 100'),
    run: async (flags, io) => (await import('./remote/admin-prune.js')).adminPrune(flags, io),
  },
];
