/**
 * Scheduling once on three `caesium server` processes sharing one PostgreSQL
 * database: concurrent manual runs on different nodes each make one run, a
 * hook delivery with a replay key sent to two nodes at once makes one run, a
 * backfill makes one run per slot (also while a node restarts and resumes it)
 * and is cancelled from another node, and each run's callback reaches its
 * receiver once.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackfillJson, RunJson } from '../../src/api/index.js';
import { requirePostgres } from '../support/postgres.js';
import { json, startCluster, until, type Cluster } from './support/cluster.js';

const postgres = await requirePostgres();
const SECRET = 'once-secret';

function job(alias: string, command: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias },
    trigger: { type: 'cron', configuration: { expression: '0 * * * *' } },
    steps: [{ name: 'only', engine: 'local', command: ['sh', '-c', command] }],
    ...extra,
  };
}

describe.skipIf(postgres.skip)('scheduling once on three servers', () => {
  let cluster: Cluster;
  let receiver: Server;
  let receiverUrl: string;
  const delivered: string[] = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (s: string) => (body += s));
      req.on('end', () => {
        delivered.push((JSON.parse(body) as { run_id: string }).run_id);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cb`;
    cluster = await startCluster({ ONCE_HOOK_SECRET: SECRET });
  });
  afterAll(async () => {
    await cluster?.close();
    await new Promise((r) => receiver.close(r));
  });

  const node = (i: number): string => cluster.nodes[i]!.url;
  async function apply(def: Record<string, unknown>): Promise<string> {
    const applied = await json(`${node(0)}/v1/jobdefs/apply`, { method: 'POST', body: JSON.stringify({ definitions: [def] }) });
    expect(applied.status).toBe(200);
    return applied.body.jobs[0].id as string;
  }
  /** Starts a backfill of `jobId` on node 0 over 2024-01-01 from 00:00 to `endHour`:00. */
  async function startBackfill(jobId: string, endHour: number, maxConcurrent: number): Promise<BackfillJson> {
    const end = `2024-01-01T${String(endHour).padStart(2, '0')}:00:00Z`;
    const created = await json(`${node(0)}/v1/jobs/${jobId}/backfill`, {
      method: 'POST',
      body: JSON.stringify({ start: '2024-01-01T00:00:00Z', end, max_concurrent: maxConcurrent }),
    });
    expect(created.status).toBe(202);
    return created.body as BackfillJson;
  }
  /** The backfill once it is no longer running, read on node 2. */
  const backfillEnded = (jobId: string, id: string, what: string): Promise<BackfillJson> =>
    until(async () => {
      const b = (await json(`${node(2)}/v1/jobs/${jobId}/backfills/${id}`)).body as BackfillJson;
      return b.status === 'running' ? undefined : b;
    }, what);
  const runsOf = async (jobId: string, i = 1): Promise<RunJson[]> =>
    (await json(`${node(i)}/v1/jobs/${jobId}/runs?limit=1000`)).body as RunJson[];
  const allEnded = (jobId: string, count: number) =>
    until(async () => {
      const runs = await runsOf(jobId, 2);
      return runs.length === count && runs.every((r) => r.status !== 'running' && r.status !== 'queued') ? runs : undefined;
    }, `${count} runs to end`);

  it('makes one run per concurrent manual POST …/run, on whichever node, and fires each callback once', async () => {
    const jobId = await apply(job('manual', 'echo hi', { callbacks: [{ type: 'notification', configuration: { url: receiverUrl } }] }));
    const started = await Promise.all(Array.from({ length: 9 }, (_, i) => json(`${node(i % 3)}/v1/jobs/${jobId}/run`, { method: 'POST' })));
    expect(started.map((s) => s.status)).toEqual(Array(9).fill(202));
    const ids = started.map((s) => s.body.id as string);
    expect(new Set(ids).size).toBe(9);
    const runs = await allEnded(jobId, 9);
    expect(runs.map((r) => r.status)).toEqual(Array(9).fill('succeeded'));
    await until(() => (ids.every((id) => delivered.includes(id)) ? true : undefined), 'every callback');
    await new Promise((r) => setTimeout(r, 1000)); // a second delivery would come now
    expect(delivered.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  });

  it('makes one run of a hook delivery with a replay key sent to two nodes at once, and resent', async () => {
    const jobId = await apply({
      ...job('hooked', 'echo hooked'),
      trigger: {
        type: 'http',
        configuration: { path: '/hooks/once', secret: 'secret://env/ONCE_HOOK_SECRET', timestampHeader: 'X-Timestamp' },
      },
    });
    const body = '{"n":1}';
    const ts = String(Math.floor(Date.now() / 1000));
    const headers = {
      'x-timestamp': ts,
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`,
    };
    const send = (i: number) => fetch(`${node(i)}/v1/hooks/once`, { method: 'POST', body, headers }).then((r) => r.status);
    const statuses = await Promise.all([send(0), send(1)]);
    expect(statuses.sort()).toEqual([202, 401]);
    expect(await send(2)).toBe(401);
    const runs = await allEnded(jobId, 1);
    expect(runs[0]!.status).toBe('succeeded');
  });

  it('makes one run of a hook delivery without a replay key sent once', async () => {
    const jobId = await apply({
      ...job('hooked-plain', 'echo plain'),
      trigger: { type: 'http', configuration: { path: '/hooks/plain', secret: 'secret://env/ONCE_HOOK_SECRET' } },
    });
    const body = '{}';
    const res = await fetch(`${node(1)}/v1/hooks/plain`, {
      method: 'POST',
      body,
      headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
    });
    expect(res.status).toBe(202);
    expect((await allEnded(jobId, 1))[0]!.status).toBe('succeeded');
  });

  it('makes one run per backfill slot, and cancels a backfill from another node', async () => {
    const jobId = await apply(job('hourly', 'sleep 0.3'));
    const backfill = await startBackfill(jobId, 6, 3);
    const done = await backfillEnded(jobId, backfill.id, 'the backfill to end');
    expect(done).toMatchObject({ status: 'succeeded', completed_runs: backfill.total_runs });
    const dates = (await runsOf(jobId)).map((r) => r.params.logical_date);
    expect(dates).toHaveLength(backfill.total_runs);
    expect(new Set(dates).size).toBe(backfill.total_runs);

    const slow = await apply(job('hourly-slow', 'sleep 2'));
    const second = await startBackfill(slow, 6, 1);
    const cancel = await json(`${node(1)}/v1/jobs/${slow}/backfills/${second.id}/cancel`, { method: 'PUT' });
    expect(cancel.status).toBe(200);
    const cancelled = await backfillEnded(slow, second.id, 'the cancelled backfill to end');
    expect(cancelled.status).toBe('cancelled');
    expect((await runsOf(slow)).length).toBeLessThan(second.total_runs);
  });

  // Last: it restarts a node. A starting server resumes every running backfill, also one another node drives.
  it('makes one run per slot of a backfill while a node restarts and drives it too', async () => {
    const jobId = await apply(job('once-backfill-restart', 'sleep 1'));
    const backfill = await startBackfill(jobId, 8, 2);
    await cluster.nodes[1]!.stop('SIGTERM');
    await cluster.restart(1);
    const ended = await backfillEnded(jobId, backfill.id, 'the backfill to end');
    expect(ended.status).toBe('succeeded');
    const dates = (await runsOf(jobId, 2)).map((r) => r.params.logical_date);
    expect(dates).toHaveLength(backfill.total_runs);
    expect(new Set(dates).size).toBe(backfill.total_runs);
  });
});
