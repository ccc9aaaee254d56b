import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import type { Json } from './support/in-process.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from './support/server-process.js';
import type { RunJson, TaskRunJson } from '../../src/api/index.js';

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: Json }> {
  const res = await fetch(
    url,
    init?.body === undefined ? init : { ...init, headers: { 'content-type': 'application/json', ...init.headers } },
  );
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function finished(url: string, jobId: string, runId: string): Promise<RunJson> {
  const until = Date.now() + 15_000;
  for (;;) {
    const run = (await json(`${url}/v1/jobs/${jobId}/runs/${runId}`)).body as RunJson;
    if (run.status !== 'running') return run;
    if (Date.now() > until) throw new Error(`run ${runId} still running`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('caesium server (a real process on a SQLite file)', () => {
  let dir: string;
  let db: string;
  let server: ServerProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-server-'));
    db = join(dir, 'nested', 'caesium.db');
    server = await spawnServer({ CAESIUM_DATABASE_PATH: db });
  });
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  it('logs one startup line with its URL', () => {
    expect(server.stderr()).toMatch(/^caesium server listening on http:\/\/127\.0\.0\.1:\d+ \(database .*caesium\.db/);
  });

  it('applies examples/local-engine.yaml with the CLI, runs it to succeeded and serves tasks and logs', async () => {
    const applied = await runCli(['job', 'apply', '--path', 'examples/local-engine.yaml', '--server', server.url]);
    expect(applied).toMatchObject({ code: 0, stdout: 'Applied 1 job definition(s)\n' });
    const started = await runCli(['run', 'start', '--job-id', 'local-engine', '--params', 'day=2024-01-01', '--server', server.url]);
    expect(started.code).toBe(0);
    const runId = started.stdout.trim();
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);

    const [job] = (await json(`${server.url}/v1/jobs?alias=local-engine`)).body;
    const run = await finished(server.url, job.id, runId);
    expect(run).toMatchObject({ status: 'succeeded', params: { day: '2024-01-01' }, total_tasks: 4 });
    expect(run.tasks.map((t: TaskRunJson) => t.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const fetchTask = run.tasks.find((t: TaskRunJson) => t.name === 'fetch')!;
    expect(fetchTask.output).toEqual({ items: '3' });
    const log = await fetch(`${server.url}/v1/jobs/${job.id}/runs/${runId}/logs?task_id=${fetchTask.task_id}`);
    expect(await log.text()).toContain('fetching the input');

    const list = await runCli(['run', 'list', '--job-id', job.id, '--server', server.url]);
    expect(list.stdout).toMatch(new RegExp(`^RUN ID +STATUS +TRIGGER +STARTED +DURATION\n${runId}  succeeded  manual  `));
    const got = await runCli(['run', 'get', '--job-id', job.id, '--run-id', runId, '--server', server.url, '--json']);
    expect(JSON.parse(got.stdout).id).toBe(runId);
  });

  it('run get names the failed step in errors and prints its last output lines under it', async () => {
    const applied = await runCli(['job', 'apply', '--path', 'test/fixtures/dev/failure-output.yaml', '--server', server.url]);
    expect(applied.code).toBe(0);
    const started = await runCli(['run', 'start', '--job-id', 'readable', '--server', server.url]);
    const runId = started.stdout.trim();
    const [job] = (await json(`${server.url}/v1/jobs?alias=readable`)).body;
    await finished(server.url, job.id, runId);
    const got = await runCli(['run', 'get', '--job-id', 'readable', '--run-id', runId, '--server', server.url]);
    expect(got.code).toBe(0);
    const lines = got.stdout.split('\n');
    expect(lines[1]).toBe('  error: task "crash" failed with result "failure"');
    const at = lines.indexOf('  crash    failed  error: command exited with non-zero status');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual([
      `    | … 10 earlier line(s) (all of them: caesium run logs --job-id ${job.id} --run-id ${runId} --task crash)`,
      '    | line 11',
    ]);
    expect(lines[at + 21]).toBe('    | disk full');
  });

  it('reports apply failures from the server as `apply failed: <body>`', async () => {
    const res = await runCli(['job', 'apply', '--path', 'examples/local-engine.yaml', '--server', server.url, '--prune']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('apply failed: {"message":"prune requires provenance.source_id');
  });

  it('reports a run start failure with its status code and message', async () => {
    const res = await runCli(['run', 'start', '--job-id', '00000000-0000-4000-8000-000000000000', '--server', server.url]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('run start failed (404): job 00000000-0000-4000-8000-000000000000 not found');
    const bad = await runCli(['run', 'start', '--job-id', 'local-engine', '--params', 'oops', '--server', server.url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--params must be k=v; got "oops"');
  });

  it('stops on SIGTERM with exit 0, and the database reopens with its rows', async () => {
    const before = (await json(`${server.url}/v1/jobs`)).body;
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.stderr()).toContain('caesium server stopped');
    const again = await spawnServer({ CAESIUM_DATABASE_PATH: db });
    try {
      const after = (await json(`${again.url}/v1/jobs`)).body;
      expect(after.map((j: { id: string }) => j.id)).toEqual(before.map((j: { id: string }) => j.id));
      const runs = (await json(`${again.url}/v1/jobs/${after[0].id}/runs`)).body;
      expect(runs[0].status).toBe('succeeded');
    } finally {
      expect(await again.stop('SIGINT')).toBe(0);
    }
  });

  it('names the URL when no server answers', async () => {
    const res = await runCli(['run', 'list', '--job-id', '00000000-0000-4000-8000-000000000000', '--server', 'http://127.0.0.1:9']);
    expect(res.code).toBe(1);
    expect(res.stderr.split('\n')[0]).toMatch(/^error: cannot reach the caesium server at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)$/);
  });
});
