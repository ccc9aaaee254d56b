/**
 * Live task logs against a real `caesium server` process on a SQLite file:
 * read while the task runs, `run logs --follow` joined late prints every
 * line once across retries, the stored chunks survive a restart, and a
 * 200,000-line log keeps its head and tail.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, waitFor, type Json } from './support/in-process.js';
import { startCli } from './support/cli-child.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from './support/server-process.js';

async function call(url: string, method = 'GET', body?: unknown): Promise<{ status: number; json: Json; text: string; headers: Headers }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** First attempt: two lines, waits for `go1`, a third line, fails. Second: one line, waits for `go2`, one more, succeeds. */
function retryingStep(dir: string): Record<string, unknown> {
  const script = [
    `if [ ! -e '${dir}/first' ]; then`,
    `  touch '${dir}/first'; echo 'one 1'; echo 'one 2' >&2`,
    `  while [ ! -f '${dir}/go1' ]; do sleep 0.05; done; echo 'one 3'; exit 1`,
    `fi`,
    `echo 'two 1'; while [ ! -f '${dir}/go2' ]; do sleep 0.05; done; echo 'two 2'`,
  ].join('\n');
  return { name: 'work', engine: 'local', retries: 1, command: ['sh', '-c', script] };
}

describe('live task logs (real server process, SQLite file)', () => {
  let dir: string;
  let db: string;
  let server: ServerProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-live-logs-'));
    db = join(dir, 'caesium.db');
    server = await spawnServer({ CAESIUM_DATABASE_PATH: db });
  });
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  async function start(alias: string, steps: Record<string, unknown>[]): Promise<{ jobId: string; runId: string }> {
    const applied = await call(`${server.url}/v1/jobdefs/apply`, 'POST', { definitions: [definition(alias, steps)] });
    expect(applied.status).toBe(200);
    const jobId = applied.json.jobs[0].id as string;
    const run = await call(`${server.url}/v1/jobs/${jobId}/run`, 'POST');
    expect(run.status).toBe(202);
    return { jobId, runId: run.json.id as string };
  }

  async function finished(jobId: string, runId: string): Promise<Json> {
    return waitFor(async () => {
      const run: Json = (await call(`${server.url}/v1/jobs/${jobId}/runs/${runId}`)).json;
      return run.status === 'running' ? undefined : (run as object);
    }, 60_000);
  }

  it('serves a running task its lines so far; --follow joined late prints every line once across retries; a restart keeps them', async () => {
    const { jobId, runId } = await start('live-retry', [retryingStep(dir)]);
    const logs = `${server.url}/v1/jobs/${jobId}/runs/${runId}/logs?task_id=work`;
    // Read while the task runs (it waits for go1): what it wrote so far, marked live.
    const live = await waitFor(async () => {
      const res = await call(logs);
      return res.status === 200 && res.text === 'one 1\none 2\n' ? res : undefined;
    });
    expect(live.headers.get('x-caesium-log-source')).toBe('live');
    expect(live.headers.get('x-caesium-log-state')).toBe('running');
    expect((await call(`${server.url}/v1/jobs/${jobId}/runs/${runId}`)).json.tasks[0].status).toBe('running');

    // Joined late: the first two lines were written before the CLI started.
    const cli = startCli(['run', 'logs', '--job-id', jobId, '--run-id', runId, '--task', 'work', '--follow', '--server', server.url]);
    await cli.waitFor('stdout', 'one 2\n');
    writeFileSync(join(dir, 'go1'), '');
    await cli.waitFor('stdout', 'two 1\n');
    writeFileSync(join(dir, 'go2'), '');
    const result = await cli.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('one 1\none 2\none 3\ntwo 1\ntwo 2\n');
    expect(result.stderr).toContain('(following task work: it is running, printing from its first line)');
    expect(result.stderr.indexOf('── attempt 1 ──')).toBeLessThan(result.stderr.indexOf('── attempt 2 ──'));
    expect(result.stderr).toContain('task work succeeded');

    await finished(jobId, runId);
    const both = '── attempt 1 ──\none 1\none 2\none 3\n── attempt 2 ──\ntwo 1\ntwo 2\n';
    expect((await call(logs)).text).toBe(both);

    // A new server process on the same file serves the stored chunks (the snapshot holds only attempt 2).
    expect(await server.stop('SIGTERM')).toBe(0);
    server = await spawnServer({ CAESIUM_DATABASE_PATH: db });
    const again = await call(`${server.url}/v1/jobs/${jobId}/runs/${runId}/logs?task_id=work`);
    expect([again.status, again.text]).toEqual([200, both]);
  });

  it('keeps the head and the tail of a 200,000-line log, cut at lines, and says what it dropped', async () => {
    const { jobId, runId } = await start('live-long', [{ name: 'long', engine: 'local', command: ['seq', '1', '200000'] }]);
    expect((await finished(jobId, runId)).status).toBe('succeeded');
    const res = await call(`${server.url}/v1/jobs/${jobId}/runs/${runId}/logs?task_id=long`);
    expect(res.headers.get('x-caesium-log-truncated')).toBe('true');
    const lines = res.text.split('\n');
    expect([lines[0], lines.at(-2), lines.at(-1)]).toEqual(['1', '200000', '']);
    const at = lines.findIndex((l) => l.startsWith('[caesium: '));
    const note = /^\[caesium: (\d+) lines \((\d+) bytes\) dropped here/.exec(lines[at]!);
    expect(note).not.toBeNull();
    const lastHead = Number(lines[at - 1]);
    const firstTail = Number(lines[at + 1]);
    expect(firstTail - lastHead - 1).toBe(Number(note![1]));
    const droppedBytes = Array.from({ length: firstTail - lastHead - 1 }, (_, i) => String(lastHead + 1 + i).length + 1).reduce(
      (a, b) => a + b,
      0,
    );
    expect(Number(note![2])).toBe(droppedBytes);
    const kept = lines.filter((l, i) => i !== at && l !== '').map(Number);
    expect(kept.every((n, i) => i === 0 || n === kept[i - 1]! + 1 || (i === at && n === firstTail))).toBe(true);
    expect(Buffer.byteLength(res.text)).toBeLessThan(1_200_000);
    expect(existsSync(db)).toBe(true);
  });
});
