/** The command-table rows that read a server's inventory as tables: jobs, triggers, atoms and stats (each with `--json`). */
import { helpText, type CommandSpec, type FlagSpec } from './command-spec.js';

const REMOTE: readonly FlagSpec[] = [
  { flags: '--server <url>', help: 'the caesium server (default http://localhost:8080)' },
  { flags: '--api-key <key>', help: 'API key (prefer CAESIUM_API_KEY: flags show in process listings)' },
  { flags: '--json', help: "print the server's JSON" },
];
const PAGE: readonly FlagSpec[] = [
  { flags: '--limit <n>', help: 'rows per page (default: the server’s)' },
  { flags: '--offset <n>', help: 'rows to skip (default 0)' },
];

export const INVENTORY_COMMANDS: CommandSpec[] = [
  {
    path: ['job', 'list'],
    summary: "List a server's jobs: alias, id, version, trigger type and newest run",
    prints: 'table',
    flags: [...REMOTE, ...PAGE, { flags: '--alias <alias>', help: 'only the job with this alias' }],
    details: helpText('', 'Examples:', '  $ caesium job list --server http://caesium:8080', '  $ caesium job list --json | jq ".[].alias"'),
    run: async (flags, io) => (await import('./remote/inventory.js')).jobList(flags, io),
  },
  { path: ['trigger'], summary: "Read a server's triggers" },
  {
    path: ['trigger', 'list'],
    summary: "List a server's triggers: alias, id, type and configuration",
    prints: 'table',
    flags: [...REMOTE, ...PAGE],
    run: async (flags, io) => (await import('./remote/inventory.js')).triggerList(flags, io),
  },
  { path: ['atom'], summary: "Read a server's atoms (what each step runs: engine, image, command)" },
  {
    path: ['atom', 'list'],
    summary: "List a server's atoms: id, engine, image and command",
    prints: 'table',
    flags: [...REMOTE, ...PAGE, { flags: '--engine <engine>', help: 'only atoms of this engine' }],
    run: async (flags, io) => (await import('./remote/inventory.js')).atomList(flags, io),
  },
  {
    path: ['stats'],
    summary: "Show a server's run statistics: success rate, failing and slowest jobs, success by day",
    prints: 'table',
    flags: [...REMOTE, { flags: '--window <duration>', help: 'how far back to count (default 7d)' }],
    details: helpText('', 'Examples:', '  $ caesium stats --window 30d', '  $ caesium stats --json | jq .top_failing'),
    run: async (flags, io) => (await import('./remote/inventory.js')).stats(flags, io),
  },
];
