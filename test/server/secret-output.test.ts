/**
 * A task that prints its secrets, on a real server process at the debug level with the log console on: the
 * value of a `secret://` reference and the literal value of a secret-bearing env name (`DB_PASSWORD`) never
 * reach the server's own stdout/stderr, its log console (`/v1/logs/stream`), the events stream, the task's
 * followed log (SSE) or its snapshot; the task log shows `***` in their place (docs/security.md).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunJson } from '../../src/api/index.js';
import { runCli } from '../support/cli.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from './support/server-process.js';
import { openSse } from './support/sse-reader.js';

const REF_VALUE = 'ref-V4lue-9921';
const LITERAL = 'lit-P4ssw0rd-5512';
const JOB = `apiVersion: v1
kind: Job
metadata:
  alias: loud-secrets
trigger:
  type: cron
  configuration:
    cron: "0 * * * *"
steps:
  - name: print
    engine: local
    command: ["sh", "-c", "echo \\"token $API_TOKEN password $DB_PASSWORD\\"; echo \\"to stderr $API_TOKEN $DB_PASSWORD\\" >&2; echo '##caesium::output {\\"seen\\":\\"'$DB_PASSWORD'\\"}'"]
    env:
      API_TOKEN: secret://env/LOUD_TOKEN
      DB_PASSWORD: ${LITERAL}
    next: [fail]
  - name: fail
    engine: local
    command: ["sh", "-c", "echo \\"failing with $DB_PASSWORD and $API_TOKEN\\" >&2; exit 3"]
    env:
      API_TOKEN: secret://env/LOUD_TOKEN
      DB_PASSWORD: ${LITERAL}
`;

describe('secrets a task prints, through caesium server', () => {
  let dir = '';
  let server: ServerProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-secret-output-'));
    writeFileSync(join(dir, 'job.yaml'), JOB);
    server = await spawnServer({
      CAESIUM_DATABASE_PATH: join(dir, 'caesium.db'),
      CAESIUM_LOG_LEVEL: 'debug',
      CAESIUM_LOG_CONSOLE_ENABLED: 'true',
      LOUD_TOKEN: REF_VALUE,
    });
  });
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  it('shows *** in the task log, and neither value in the server log, the log console or any stream', { timeout: 45_000 }, async () => {
    const noSecret = (text: string, where: string): void => {
      expect(text.includes(REF_VALUE), `${where} holds the secret:// value`).toBe(false);
      expect(text.includes(LITERAL), `${where} holds the literal secret`).toBe(false);
    };
    expect((await runCli(['job', 'apply', '--path', join(dir, 'job.yaml'), '--server', server.url])).code).toBe(0);
    const jobId = ((await (await fetch(`${server.url}/v1/jobs?alias=loud-secrets`)).json()) as { id: string }[])[0]!.id;
    const events = await openSse(`${server.url}/v1/events`);
    const console = await openSse(`${server.url}/v1/logs/stream?level=debug`);
    const started = await runCli(['run', 'start', '--job-id', 'loud-secrets', '--server', server.url]);
    expect(started.code).toBe(0);
    const runId = started.stdout.trim();
    await events.until((m) => m.event === 'run_terminal' && m.data.run_id === runId);
    const runText = await (await fetch(`${server.url}/v1/jobs/${jobId}/runs/${runId}`)).text();
    const run = JSON.parse(runText) as RunJson;
    expect(run.status).toBe('failed');
    expect(run.tasks.find((t) => t.name === 'print')?.output).toEqual({ seen: '***' });
    noSecret(runText, 'the run JSON');
    for (const task of ['print', 'fail']) {
      const snapshot = await (await fetch(`${server.url}/v1/jobs/${jobId}/runs/${runId}/logs?task_id=${task}`)).text();
      noSecret(snapshot, `the log of ${task}`);
      const followed = await openSse(`${server.url}/v1/jobs/${jobId}/runs/${runId}/logs?task_id=${task}&follow=true`);
      await followed.until((m) => m.event === 'end' || m.event === 'done' || m.event === 'status');
      noSecret(followed.raw(), `the followed log of ${task}`);
      await followed.close();
    }
    const print = await (await fetch(`${server.url}/v1/jobs/${jobId}/runs/${runId}/logs?task_id=print`)).text();
    expect(print).toContain('token *** password ***');
    expect(print).toContain('to stderr *** ***');
    // The server wrote its lines for the run (at debug, every request and task step) before we look.
    await fetch(`${server.url}/health`);
    await console.waitForText('/health');
    noSecret(console.raw(), 'the log console');
    noSecret(events.raw(), 'the events stream');
    noSecret(server.stdout() + server.stderr(), "the server's own log");
    expect(server.stderr()).toContain(runId);
    await events.close();
    await console.close();
  });
});
