/**
 * Many `caesium server` processes on one real PostgreSQL database: a run
 * started on one node survives that node's SIGKILL (another node takes the
 * run's lease over and gives its task a new attempt), and a node frozen past
 * its lease (SIGSTOP) writes nothing when it wakes up (SIGCONT). Each task
 * attempt checks, as it starts, that the attempt before it is gone, so no
 * task ran on two nodes at once.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunJson, SystemNodesJson } from '../../src/api/index.js';
import { startCli } from '../server/support/cli-child.js';
import { openSse } from '../server/support/sse-reader.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from '../server/support/server-process.js';
import { freshDatabase, requirePostgres, type TestDatabase } from '../support/postgres.js';
import { json, until } from './support/cluster.js';

const postgres = await requirePostgres();

/**
 * A job whose `slow` step records each attempt in `<dir>/attempts` (`start <pid>`,
 * `overlap` when the previous attempt's process still lives, `end <pid>`); its first
 * attempt sleeps (its node is killed or frozen meanwhile), later ones end at once.
 */
function slowJob(alias: string, dir: string): Record<string, unknown> {
  const slow = [
    'log="$MARK_DIR/attempts"',
    // A live process (not a zombie waiting to be reaped) of the previous attempt means two attempts at once.
    'if [ -e "$MARK_DIR/pid" ]; then p=$(cat "$MARK_DIR/pid")',
    '  if [ -r /proc/$p/stat ] && [ "$(sed "s/.*) //" /proc/$p/stat | cut -c1)" != Z ]; then echo overlap >> "$log"; fi',
    'fi',
    'echo "start $$" >> "$log"',
    'first=no; [ -e "$MARK_DIR/pid" ] || first=yes',
    'echo $$ > "$MARK_DIR/pid.tmp"; mv "$MARK_DIR/pid.tmp" "$MARK_DIR/pid"',
    'if [ $first = yes ]; then sleep 300; fi',
    'echo "end $$" >> "$log"',
  ].join('\n');
  return {
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias },
    trigger: { type: 'cron', configuration: { expression: '0 0 1 1 *' } },
    steps: [
      { name: 'first', engine: 'local', command: ['sh', '-c', 'echo one'] },
      { name: 'slow', engine: 'local', retries: 1, env: { MARK_DIR: dir }, command: ['sh', '-c', slow], dependsOn: ['first'] },
      { name: 'after', engine: 'local', command: ['sh', '-c', 'echo done'], dependsOn: ['slow'] },
    ],
  };
}

describe.skipIf(postgres.skip)('many servers on one PostgreSQL', () => {
  let dir: string;
  let database: TestDatabase;
  let nodes: ServerProcess[] = [];
  const env = (address: string): Record<string, string> => ({
    CAESIUM_DATABASE_TYPE: 'postgres',
    CAESIUM_DATABASE_DSN: database.dsn,
    CAESIUM_NODE_ADDRESS: address,
    CAESIUM_WORKER_LEASE_TTL: '4s',
    CAESIUM_WORKER_RECLAIM_INTERVAL: '1s',
    CAESIUM_NODE_LABELS: `zone=${address.slice(-1)}`,
  });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-cluster-'));
    database = await freshDatabase();
    nodes = await Promise.all(['node-a', 'node-b', 'node-c'].map((a) => spawnServer(env(a))));
  });
  afterAll(async () => {
    for (const node of nodes) node.child.kill('SIGCONT');
    await killAll();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  /** Applies `slowJob` on node A and starts a run there; the run id, job id and its marker directory. */
  async function startSlowRun(alias: string): Promise<{ jobId: string; runId: string; marks: string }> {
    const marks = mkdtempSync(join(dir, `${alias}-`));
    const applied = await json(`${nodes[0]!.url}/v1/jobdefs/apply`, {
      method: 'POST',
      body: JSON.stringify({ definitions: [slowJob(alias, marks)] }),
    });
    expect(applied.status).toBe(200);
    const jobId = applied.body.jobs[0].id as string;
    const started = await json(`${nodes[0]!.url}/v1/jobs/${jobId}/run`, { method: 'POST' });
    expect(started.status).toBe(202);
    await until(() => (existsSync(join(marks, 'pid')) ? true : undefined), 'the slow step to start');
    return { jobId, runId: started.body.id as string, marks };
  }

  const runOn = async (node: ServerProcess, jobId: string, runId: string): Promise<RunJson> =>
    (await json(`${node.url}/v1/jobs/${jobId}/runs/${runId}`)).body as RunJson;

  it('sees one database from every node: a job applied on one node is listed by the others', async () => {
    const applied = await json(`${nodes[0]!.url}/v1/jobdefs/apply`, {
      method: 'POST',
      body: JSON.stringify({ definitions: [slowJob('seen-everywhere', dir)] }),
    });
    expect(applied.status).toBe(200);
    for (const node of nodes.slice(1)) {
      const jobs = (await json(`${node.url}/v1/jobs`)).body as { alias: string }[];
      expect(jobs.map((j) => j.alias)).toContain('seen-everywhere');
    }
  });

  it('lists every live node, with its labels, on every node (REST and `caesium node list`)', async () => {
    const listed = (await json(`${nodes[2]!.url}/v1/system/nodes`)).body as SystemNodesJson;
    expect(listed.self).toBe('node-c');
    expect(listed.nodes.map((n) => [n.address, n.labels])).toEqual([
      ['node-a', { zone: 'a' }],
      ['node-b', { zone: 'b' }],
      ['node-c', { zone: 'c' }],
    ]);
    const cli = await startCli(['node', 'list', '--server', nodes[0]!.url]).done;
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^ADDRESS +LABELS +HEARTBEAT/);
    expect(cli.stdout).toContain('node-a (this)');
    expect(cli.stdout).toContain('zone=c');
  });

  it('re-runs the tasks of a SIGKILLed node elsewhere as a new attempt, never two attempts at once', async () => {
    const { jobId, runId, marks } = await startSlowRun('killed-node');
    expect(await nodes[0]!.stop('SIGKILL')).toBeNull();
    const survivor = nodes[1]!;
    const run = await until(async () => {
      const r = await runOn(survivor, jobId, runId);
      return r.status === 'running' ? undefined : r;
    }, 'the run to end on another node');
    expect(run.status).toBe('succeeded');
    const slow = run.tasks?.find((t) => t.name === 'slow');
    expect(slow).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(['node-b', 'node-c']).toContain(slow?.claimed_by);
    const attempts = readFileSync(join(marks, 'attempts'), 'utf8').trim().split('\n');
    expect(attempts.filter((l) => l.startsWith('start'))).toHaveLength(2);
    expect(attempts).not.toContain('overlap');
    nodes[0] = await spawnServer(env('node-a')); // back for the next test
  });

  it('streams the events of a run driven by one node to an SSE client of another', async () => {
    const applied = await json(`${nodes[0]!.url}/v1/jobdefs/apply`, {
      method: 'POST',
      body: JSON.stringify({
        definitions: [
          {
            apiVersion: 'v1',
            kind: 'Job',
            metadata: { alias: 'quick' },
            trigger: { type: 'cron', configuration: { expression: '0 0 1 1 *' } },
            steps: [{ name: 'only', engine: 'local', command: ['sh', '-c', 'echo hi'] }],
          },
        ],
      }),
    });
    const jobId = applied.body.jobs[0].id as string;
    const sse = await openSse(`${nodes[2]!.url}/v1/events?job_id=${jobId}`);
    try {
      const started = await json(`${nodes[0]!.url}/v1/jobs/${jobId}/run`, { method: 'POST' });
      const runId = started.body.id as string;
      const seen = await sse.until((m) => m.event === 'run_completed' && m.data.run_id === runId);
      expect(seen.map((m) => m.event)).toContain('task_succeeded');
    } finally {
      await sse.close();
    }
  });

  it('cancels a run from a node that does not drive it', async () => {
    const { jobId, runId } = await startSlowRun('cancelled-elsewhere');
    const res = await json(`${nodes[1]!.url}/v1/jobs/${jobId}/runs/${runId}/cancel`, {
      method: 'POST',
      body: JSON.stringify({ by: 'ops' }),
    });
    expect([200, 202]).toContain(res.status);
    const run = await until(async () => {
      const r = await runOn(nodes[2]!, jobId, runId);
      return r.status === 'running' ? undefined : r;
    }, 'the run to end');
    expect(run).toMatchObject({ status: 'cancelled', cancelled_by: 'ops' });
  });

  it('hands the runs of a node stopped with SIGTERM to the others instead of cancelling them', async () => {
    const { jobId, runId, marks } = await startSlowRun('stopped-node');
    const stopped = nodes[0]!;
    expect(await stopped.stop('SIGTERM')).toBe(0);
    expect(stopped.stderr()).toContain('handed 1 run(s) to the other nodes');
    const run = await until(async () => {
      const r = await runOn(nodes[2]!, jobId, runId);
      return r.status === 'running' ? undefined : r;
    }, 'the run to end on another node');
    expect(run.status).toBe('succeeded');
    expect(run.tasks?.find((t) => t.name === 'slow')).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(readFileSync(join(marks, 'attempts'), 'utf8')).not.toContain('overlap');
    nodes[0] = await spawnServer(env('node-a'));
  });

  it('refuses the late writes of a node frozen past its lease (SIGSTOP, then SIGCONT)', async () => {
    const { jobId, runId, marks } = await startSlowRun('frozen-node');
    const frozen = nodes[0]!;
    frozen.child.kill('SIGSTOP');
    const run = await until(async () => {
      const r = await runOn(nodes[1]!, jobId, runId);
      return r.status === 'running' ? undefined : r;
    }, 'the run to end on another node');
    expect(run.status).toBe('succeeded');
    frozen.child.kill('SIGCONT');
    await until(() => (/driven by another node now/.test(frozen.stderr()) ? true : undefined), 'the frozen node to notice');
    // The frozen node's attempt ended when it woke (its process was gone); none of that reached the database.
    const after = await runOn(frozen, jobId, runId);
    expect(after.status).toBe('succeeded');
    expect(after.tasks?.find((t) => t.name === 'slow')).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(after.tasks?.find((t) => t.name === 'slow')?.claimed_by).not.toBe('node-a');
    expect(readFileSync(join(marks, 'attempts'), 'utf8')).not.toContain('overlap');
  });
});
