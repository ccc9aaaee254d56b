/**
 * `secret://env/NAME` in step env on a real server process: the task gets the
 * value from the server's environment; the run JSON, the log snapshot, the
 * stored events and every byte of the SQLite file show `***` or the reference,
 * never the value.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from './support/server-process.js';
import type { RunJson } from '../../src/api/index.js';

const VALUE = 'srv-S3cret-77';
const JOB = `apiVersion: v1
kind: Job
metadata:
  alias: server-secret
trigger:
  type: cron
  configuration:
    cron: "0 * * * *"
steps:
  - name: use-token
    engine: local
    image: none
    command: ["sh", "-c", "test \\"$TOKEN\\" = \\"$(printf %s%s srv-S3cret- 77)\\" && echo \\"token is $TOKEN\\" && echo '##caesium::output {\\"seen\\":\\"'$TOKEN'\\"}'"]
    env:
      TOKEN: secret://env/SERVER_TOKEN
`;

async function get<T>(url: string): Promise<{ text: string; body: T }> {
  const text = await (await fetch(url)).text();
  return { text, body: (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : undefined) as T };
}

describe('secrets through caesium server', () => {
  let dir = '';
  let server: ServerProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-server-secrets-'));
    writeFileSync(join(dir, 'job.yaml'), JOB);
    server = await spawnServer({ CAESIUM_DATABASE_PATH: join(dir, 'caesium.db'), SERVER_TOKEN: VALUE });
  });
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  it('resolves the reference at task creation and masks the value in run JSON, logs and events', { timeout: 30_000 }, async () => {
    expect((await runCli(['job', 'apply', '--path', join(dir, 'job.yaml'), '--server', server.url])).code).toBe(0);
    const started = await runCli(['run', 'start', '--job-id', 'server-secret', '--server', server.url]);
    expect(started.code).toBe(0);
    const runId = started.stdout.trim();
    const jobs = await get<{ id: string }[]>(`${server.url}/v1/jobs?alias=server-secret`);
    const jobId = jobs.body[0]!.id;
    let run: { text: string; body: RunJson };
    for (let i = 0; ; i++) {
      run = await get<RunJson>(`${server.url}/v1/jobs/${jobId}/runs/${runId}`);
      if (run.body.status !== 'running' || i > 150) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(run.body.status).toBe('succeeded');
    expect(run.body.tasks[0]!.output).toEqual({ seen: '***' });
    expect(run.text).not.toContain(VALUE);
    const log = await get(`${server.url}/v1/jobs/${jobId}/runs/${runId}/logs?task_id=${run.body.tasks[0]!.task_id}`);
    expect(log.text).toContain('token is ***');
    expect(log.text).not.toContain(VALUE);
    // Events, log snapshots and run rows all live in the SQLite file (and its WAL).
    for (const file of readdirSync(dir).filter((f) => f.startsWith('caesium.db'))) {
      expect(readFileSync(join(dir, file)).includes(VALUE), file).toBe(false);
    }
  });
});
