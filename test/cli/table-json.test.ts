/**
 * Every command that prints a table has `--json`, which prints the server's
 * wire JSON (the `src/api/` types) unchanged (issue 11, item 7). The walk
 * over the command table fails when a runnable command does not say what it
 * prints, or a table command has no `--json`; each table command is then run
 * for real, as a child process against a server, and its document compared
 * with the REST answer it stands for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLine, type CommandSpec } from '../../src/cli/command-spec.js';
import { COMMANDS } from '../../src/cli/command-table.js';
import { lines, runCli } from '../support/cli.js';
import { definition, waitFor, type Json } from '../server/support/in-process.js';
import { startAuthServer, type AuthServer } from '../server/support/auth-server.js';

const runnable = COMMANDS.filter((c): c is CommandSpec & Required<Pick<CommandSpec, 'run'>> => c.run !== undefined);
const tables = runnable.filter((c) => c.prints === 'table');

/**
 * How each table command is checked here: the arguments after `caesium <command>` and
 * the REST call whose JSON `--json` must print, or why it is checked elsewhere.
 */
type Check = {
  args: (ctx: Ctx) => string[];
  rest: (ctx: Ctx) => [method: string, path: string, body?: unknown];
  /** Drops what changes with every request (a key's last use). */
  normalize?: (json: Json) => Json;
};
const withoutLastUse = (keys: Json): Json => (keys as Record<string, unknown>[]).map(({ last_used_at: _, ...key }) => key);
/** A node's heartbeat moves between two reads. */
const withoutHeartbeat = (nodes: Json): Json => {
  const { self, nodes: list } = nodes as { self: string; nodes: Record<string, unknown>[] };
  return { self, nodes: list.map(({ heartbeat_at: _, ...node }) => node) };
};
const CHECKS: Record<string, Check | string> = {
  'job list': { args: () => [], rest: () => ['GET', '/v1/jobs'] },
  'trigger list': { args: () => [], rest: () => ['GET', '/v1/triggers'] },
  'atom list': { args: () => [], rest: () => ['GET', '/v1/atoms'] },
  stats: { args: () => [], rest: () => ['GET', '/v1/stats/summary'] },
  'run list': { args: (c) => ['--job-id', c.jobId], rest: (c) => ['GET', `/v1/jobs/${c.jobId}/runs?limit=20&offset=0`] },
  'run get': { args: (c) => ['--job-id', c.jobId, '--run-id', c.runId], rest: (c) => ['GET', `/v1/jobs/${c.jobId}/runs/${c.runId}`] },
  'backfill list': { args: (c) => ['--job-id', c.jobId], rest: (c) => ['GET', `/v1/jobs/${c.jobId}/backfills`] },
  'admin prune': {
    args: () => ['--dry-run', '--keep-per-job', '1'],
    rest: () => ['POST', '/v1/admin/prune', { dry_run: true, keep_per_job: 1 }],
  },
  'job schema': 'local: --summary --json, in test/cli/schema.test.ts',
  'auth key list': { args: () => [], rest: () => ['GET', '/v1/auth/keys'], normalize: withoutLastUse },
  'node list': { args: () => [], rest: () => ['GET', '/v1/system/nodes'], normalize: withoutHeartbeat },
  'auth audit': { args: () => [], rest: () => ['GET', '/v1/auth/audit?limit=100'] },
  'run retry-callbacks': 'retries the callbacks of a failed run: --json in test/server/run-remote-cli.test.ts',
};

interface Ctx {
  jobId: string;
  runId: string;
}

describe('the command table and --json', () => {
  it('says what every runnable command prints', () => {
    const silent = runnable.filter((c) => c.prints === undefined).map((c) => commandLine(c.path));
    expect(silent).toEqual([]);
  });

  it('gives every table command a --json flag', () => {
    const without = tables.filter((c) => !(c.flags ?? []).some((f) => /(^|\s)--json\b/.test(f.flags))).map((c) => commandLine(c.path));
    expect(without).toEqual([]);
    expect(tables.length).toBeGreaterThanOrEqual(10);
  });

  it('checks every table command below or names where it is checked', () => {
    expect(tables.map((c) => c.path.join(' ')).filter((p) => CHECKS[p] === undefined)).toEqual([]);
  });
});

describe('table commands against a server', () => {
  let s: AuthServer;
  const ctx: Ctx = { jobId: '', runId: '' };

  beforeAll(async () => {
    s = await startAuthServer();
    const applied = await s.as(s.adminKey, 'POST', '/v1/jobdefs/apply', { definitions: [definition('tabled'), definition('second')] });
    ctx.jobId = applied.json.jobs[0].id as string;
    ctx.runId = (await s.as(s.adminKey, 'POST', `/v1/jobs/${ctx.jobId}/run`)).json.id as string;
    await waitFor(async (): Promise<string | undefined> => {
      const { status } = (await s.as(s.adminKey, 'GET', `/v1/jobs/${ctx.jobId}/runs/${ctx.runId}`)).json as { status: string };
      return status === 'running' ? undefined : status;
    });
  });
  afterAll(async () => {
    await s.close();
  });

  const cli = (args: string[]): ReturnType<typeof runCli> => runCli([...args, '--server', s.url], { env: { CAESIUM_API_KEY: s.adminKey } });
  const remote = Object.entries(CHECKS).flatMap(([command, check]) => (typeof check === 'string' ? [] : [[command, check] as const]));

  it.each(remote)('caesium %s --json prints the REST JSON', async (command, check) => {
    const r = await cli([...command.split(' '), ...check.args(ctx), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [method, path, body] = check.rest(ctx);
    const rest = await s.as(s.adminKey, method, path, body);
    expect(rest.status).toBeLessThan(300);
    const normalize = check.normalize ?? ((j: Json): Json => j);
    expect(normalize(JSON.parse(r.stdout))).toEqual(normalize(rest.json));
  });

  it('prints the inventory as tables without --json', async () => {
    const jobs = await cli(['job', 'list']);
    expect(lines(jobs.stdout)[0]).toMatch(/^ALIAS +ID +VERSION +TRIGGER +PAUSED +LATEST RUN$/);
    expect(jobs.stdout).toMatch(new RegExp(`tabled +${ctx.jobId} +1 +cron +no +succeeded `));
    const triggers = await cli(['trigger', 'list']);
    expect(lines(triggers.stdout)[0]).toMatch(/^ALIAS +ID +TYPE +CONFIGURATION$/);
    expect(lines(triggers.stdout)).toHaveLength(3);
    const atoms = await cli(['atom', 'list', '--engine', 'local']);
    expect(lines(atoms.stdout)[0]).toMatch(/^ID +ENGINE +IMAGE +COMMAND$/);
    expect(atoms.stdout).toContain('local');
    const stats = await cli(['stats']);
    expect(lines(stats.stdout)[0]).toMatch(/^Jobs: 2 {2}recent runs: 1 {2}success rate: 100\.0%/);
    expect(stats.stdout).toContain('Success rate by day:');
  });
});
