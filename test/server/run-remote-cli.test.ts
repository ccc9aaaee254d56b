import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, type CliResult } from '../support/cli.js';
import { definition, waitFor, type Json } from './support/in-process.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from './support/server-process.js';
import { WebhookReceiver } from './support/webhook-receiver.js';
import type { RunJson } from '../../src/api/index.js';

const BIN = join(ROOT, 'bin', 'caesium.js');

async function call(url: string, method: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

/** The CLI as a child whose stderr can be awaited while it runs. */
function startCli(args: string[]): { waitForStderr(text: string): Promise<void>; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
    for (const w of waiters.splice(0)) w();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  return {
    async waitForStderr(text) {
      while (!stderr.includes(text)) {
        await Promise.race([
          new Promise<void>((resolve) => waiters.push(resolve)),
          done.then(() => Promise.reject(new Error(`exited: ${stderr}`))),
        ]);
      }
    },
    done,
  };
}

describe('caesium run retry-callbacks and run logs against a real server process', () => {
  let dir: string;
  let server: ServerProcess;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-remote-cli-'));
    receiver = new WebhookReceiver();
    await receiver.start();
    server = await spawnServer({ CAESIUM_DATABASE_PATH: join(dir, 'caesium.db') });
  });
  afterAll(async () => {
    await killAll();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  async function apply(def: Record<string, unknown>): Promise<string> {
    const applied = await call(`${server.url}/v1/jobdefs/apply`, 'POST', { definitions: [def] });
    expect(applied.status).toBe(200);
    return applied.json.jobs[0].id as string;
  }

  async function finishedRun(jobId: string, callbacks = 0): Promise<Json> {
    const started = await call(`${server.url}/v1/jobs/${jobId}/run`, 'POST');
    return waitFor(async () => {
      const run = (await call(`${server.url}/v1/jobs/${jobId}/runs/${started.json.id}`, 'GET')).json as RunJson;
      const done = (run.callbacks as { completed_at?: string }[]).filter((c) => c.completed_at !== undefined).length;
      return run.status !== 'running' && done === callbacks ? run : undefined;
    }, 15_000);
  }

  it('retry-callbacks retries the failed callback: exit 1 while it still fails, 0 with the line once it succeeds', async () => {
    receiver.healed = false;
    await apply({
      ...definition('cli-callbacks'),
      callbacks: [{ type: 'notification', configuration: { url: `${receiver.url}/fail-cli` } }],
    });
    const [job] = (await call(`${server.url}/v1/jobs?alias=cli-callbacks`, 'GET')).json;
    const run = await finishedRun(job.id, 1);
    const base = ['run', 'retry-callbacks', '--job-id', 'cli-callbacks', '--run-id', run.id, '--server', server.url];

    const failing = await runCli(base);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('retry-callbacks failed (500): 1 of 1 retried callback(s) failed again: webhook responded 500: boom');
    const failingJson = await runCli([...base, '--json']);
    expect(failingJson.code).toBe(1);
    expect(JSON.parse(failingJson.stdout).run.callbacks).toHaveLength(3);

    receiver.healed = true;
    const healed = await runCli(base);
    expect(healed.code).toBe(0);
    const callbackId = run.callbacks[0].callback_id as string;
    expect(healed.stdout).toBe(`Retried failed callbacks for run ${run.id}\n  ${callbackId}  succeeded\n`);
    const json = await runCli([...base, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: run.id, status: 'succeeded' });
    expect(receiver.count('/fail-cli')).toBe(4); // the run, two failing retries, one healed; nothing after it succeeded

    const usage = await runCli(['run', 'retry-callbacks', '--job-id', 'cli-callbacks', '--server', server.url]);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('--run-id is required') });
  });

  it('run logs prints the snapshot of a finished task, --json its parts', async () => {
    await apply(definition('cli-logs', [{ name: 'speak', engine: 'local', command: ['sh', '-c', 'echo hello; echo world'] }]));
    const [job] = (await call(`${server.url}/v1/jobs?alias=cli-logs`, 'GET')).json;
    const run = await finishedRun(job.id);
    const base = ['run', 'logs', '--job-id', 'cli-logs', '--run-id', run.id, '--task', 'speak', '--server', server.url];
    expect(await runCli(base)).toMatchObject({ code: 0, stdout: 'hello\nworld\n' });
    expect(JSON.parse((await runCli([...base, '--json'])).stdout)).toEqual({ text: 'hello\nworld\n', state: undefined, truncated: false });
    // --follow on a task that already ended prints the same snapshot.
    expect(await runCli([...base, '--follow'])).toMatchObject({ code: 0, stdout: 'hello\nworld\n' });
    const missing = await runCli(['run', 'logs', '--job-id', 'cli-logs', '--run-id', run.id, '--task', 'nope', '--server', server.url]);
    expect(missing.code).toBe(1);
  });

  it('run logs --follow streams a pending task from its first line until it ends', async () => {
    const gate = join(dir, 'gate');
    await apply(
      definition('cli-follow', [
        { name: 'gate', engine: 'local', command: ['sh', '-c', `while [ ! -f '${gate}' ]; do sleep 0.05; done`], next: ['work'] },
        { name: 'work', engine: 'local', command: ['sh', '-c', 'echo alpha; echo beta >&2; echo gamma'] },
      ]),
    );
    const [job] = (await call(`${server.url}/v1/jobs?alias=cli-follow`, 'GET')).json;
    const started = await call(`${server.url}/v1/jobs/${job.id}/run`, 'POST');
    const cli = startCli([
      'run',
      'logs',
      '--job-id',
      job.id,
      '--run-id',
      started.json.id,
      '--task',
      'work',
      '--follow',
      '--server',
      server.url,
    ]);
    await cli.waitForStderr('(following task work: waiting for it to start)');
    writeFileSync(gate, '');
    const result = await cli.done;
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .split('\n')
        .filter((l) => l !== '')
        .sort(),
    ).toEqual(['alpha', 'beta', 'gamma']);
    expect(result.stderr).toContain('task work succeeded');
  });
});
