/**
 * Ctrl-C during `caesium test --scenario` (issue 11, item 7): the CLI, a real
 * child process, stops the running scenario, leaves no process (local
 * engine) and no container (Docker) behind, and exits 130; with `--json`
 * the document still comes out, with status `interrupted`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, type CliResult } from '../support/cli.js';
import { engineRequest, requireEngine, TEST_IMAGE } from '../support/engines.js';

const BIN = join(ROOT, 'bin', 'caesium.js');
const tmp = mkdtempSync(join(tmpdir(), 'caesium-test-interrupt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A scenario over one job whose only step runs `step` (YAML lines under `- name: hold`). */
function scenario(alias: string, step: string[]): string {
  const job = join(tmp, `${alias}.yaml`);
  writeFileSync(
    job,
    [
      'apiVersion: v1',
      'kind: Job',
      'metadata:',
      `  alias: ${alias}`,
      'trigger:',
      '  type: cron',
      '  configuration:',
      '    expression: "0 * * * *"',
      'steps:',
      '  - name: hold',
      ...step.map((l) => `    ${l}`),
      '',
    ].join('\n'),
  );
  const file = join(tmp, `${alias}.scenario.yaml`);
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Harness',
      'scenarios:',
      `  - name: ${alias} holds`,
      `    path: ${job}`,
      '    expect:',
      '      runStatus: succeeded',
      '',
    ].join('\n'),
  );
  return file;
}

function startCli(args: string[]): { child: ReturnType<typeof spawn>; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal === null ? -1 : 128), stdout, stderr }));
  });
  return { child, done };
}

async function until(check: () => boolean | Promise<boolean>, what: string, done: Promise<CliResult>): Promise<void> {
  let exited: CliResult | undefined;
  void done.then((r) => (exited = r));
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    if (exited !== undefined) throw new Error(`caesium exited (${exited.code}) before ${what}: ${exited.stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Ctrl-C during caesium test --scenario', () => {
  it('stops the local process, prints the document with status interrupted and exits 130', async () => {
    const pidFile = join(tmp, 'hold.pid');
    const file = scenario('hold-local', ['engine: local', `command: ["sh", "-c", "echo $$ > ${pidFile}; exec sleep 60"]`]);
    const { child, done } = startCli(['test', '--scenario', file, '--json']);
    await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', 'the step started', done);
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(alive(pid)).toBe(true);
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('error: interrupted');
    expect(alive(pid)).toBe(false);
    const doc = JSON.parse(result.stdout) as { status: string; scenarios: { runs: { status: string }[] }[] };
    expect(doc.status).toBe('interrupted');
    expect(doc.scenarios[0]?.runs[0]?.status).toBe('cancelled');
  }, 60_000);
});

const docker = await requireEngine('docker');

describe.skipIf(docker.skip)('Ctrl-C during caesium test --scenario on Docker', () => {
  it('removes the running container before exiting 130', async () => {
    const alias = `hold-docker-${randomUUID().slice(0, 8)}`;
    const file = scenario(alias, ['engine: docker', `image: ${TEST_IMAGE}`, 'command: ["sleep", "60"]']);
    const filters = encodeURIComponent(JSON.stringify({ label: [`caesium.job=${alias}`] }));
    const containers = async (): Promise<{ State?: string }[]> =>
      (await engineRequest('docker', `/containers/json?all=1&filters=${filters}`)).body as { State?: string }[];
    const { child, done } = startCli(['test', '--scenario', file, '--engine', 'docker']);
    await until(async () => (await containers()).some((c) => c.State === 'running'), 'the container runs', done);
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(await containers()).toEqual([]);
  }, 90_000);
});
