/**
 * `caesium run reproduce` against a real server process: a job whose step
 * fails on purpose (exit 3) runs on the server, then the CLI fetches that
 * task's recorded descriptor and runs it here, printing the same failure and
 * exiting with the same code, with the predecessor's output and the run's
 * param as the server passed them and a `secret://env/...` reference resolved
 * from the local environment, not the server's; on local, Docker and Podman.
 * `--shell` gets its commands from a pipe, or from keys typed on a tmux terminal.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { requireEngine, TEST_IMAGE } from '../support/engines.js';
import { requireTool } from '../support/tools.js';
import { definition, waitFor, type Json } from './support/in-process.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from './support/server-process.js';

const docker = await requireEngine('docker');
const podman = await requireEngine('podman');
const tmux = requireTool('tmux', 'tmux');
const BIN = fileURLToPath(new URL('../../bin/caesium.js', import.meta.url));

/** What the failing step prints: the upstream output, the param, where its token came from, a literal secret; then it exits 3. */
const SCRIPT = [
  'echo "rows=$CAESIUM_OUTPUT_PREP_ROWS day=$CAESIUM_PARAM_DAY"',
  'case "$TOKEN" in laptop-secret) echo token-from-laptop;; server-secret) echo token-from-server;; *) echo token-missing;; esac',
  'echo "pw=$DB_PASSWORD"',
  'echo boom >&2',
  'exit 3',
].join('; ');

function steps(engine: 'local' | 'docker'): Record<string, unknown>[] {
  const where = engine === 'docker' ? { engine, image: TEST_IMAGE } : { engine };
  return [
    { name: 'prep', engine: 'local', command: ['sh', '-c', `echo '##caesium::output {"rows": "42"}'`] },
    {
      name: 'load',
      ...where,
      dependsOn: ['prep'],
      env: { TOKEN: 'secret://env/REPRO_TOKEN', DB_PASSWORD: 'hunter2', MODE: 'strict' },
      command: ['sh', '-c', SCRIPT],
    },
    { name: 'report', engine: 'local', dependsOn: ['load'], command: ['true'] },
  ];
}

async function call(url: string, method = 'GET', body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

/**
 * The task's lines as printed (`load | …`), stdout's in order and then
 * stderr's: the two streams are read apart, so how they interleave varies.
 */
function taskLines(stdout: string): string[] {
  const printed = stdout.split('\n').filter((l) => l.startsWith('load | '));
  return [...printed.filter((l) => l !== 'load | boom'), ...printed.filter((l) => l === 'load | boom')];
}

/** The built CLI with `input` on its stdin (a pipe, not a terminal). */
function runPiped(args: readonly string[], input: string, env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * Runs the built CLI with `args` on a tmux pseudo-terminal, types `keys` (each
 * followed by Enter) once `ready` shows, and resolves with the screen once the
 * command ended (`EXIT=<code>` is printed after it).
 */
async function inTmux(args: readonly string[], env: Record<string, string>, ready: RegExp, keys: readonly string[]): Promise<string> {
  const socket = `caesium-reproduce-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const tmuxRun = (...a: string[]): string => spawnSync('tmux', ['-f', '/dev/null', '-L', socket, ...a], { encoding: 'utf8' }).stdout;
  const screen = (): string => tmuxRun('capture-pane', '-p', '-t', 'repro', '-S', '-');
  const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
  const assignments = Object.entries({ NO_COLOR: '1', ...env }).map(([k, v]) => `${k}=${quote(v)}`);
  const command = `${[...assignments, ...[process.execPath, BIN, ...args].map(quote)].join(' ')}; echo "EXIT=$?"; sleep 30`;
  tmuxRun('new-session', '-d', '-s', 'repro', '-x', '120', '-y', '30', command);
  const until = async (what: RegExp): Promise<void> => {
    for (let i = 0; i < 600 && !what.test(screen()); i++) await new Promise((r) => setTimeout(r, 100));
    if (!what.test(screen())) throw new Error(`the pane never showed ${what}:\n${screen()}`);
  };
  try {
    await until(ready);
    for (const key of keys) tmuxRun('send-keys', '-t', 'repro', key, 'Enter');
    await until(/EXIT=\d+/);
    return screen();
  } finally {
    tmuxRun('kill-server');
  }
}

describe('run reproduce against a real server process', () => {
  let dir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-reproduce-'));
    server = await spawnServer({ CAESIUM_DATABASE_PATH: join(dir, 'caesium.db'), REPRO_TOKEN: 'server-secret' });
  });
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  /** Applies `steps` as job `alias`, runs it with day=2024-01-01 and waits for its end. */
  async function failedRun(alias: string, jobSteps: Record<string, unknown>[]): Promise<{ jobId: string; runId: string; run: Json }> {
    const applied = await call(`${server.url}/v1/jobdefs/apply`, 'POST', { definitions: [definition(alias, jobSteps)] });
    expect(applied.status).toBe(200);
    const jobId = applied.json.jobs[0].id as string;
    const started = await call(`${server.url}/v1/jobs/${jobId}/run`, 'POST', { params: { day: '2024-01-01' } });
    expect(started.status).toBe(202);
    const runId = started.json.id as string;
    const run = await waitFor(async (): Promise<Json> => {
      const got = await call(`${server.url}/v1/jobs/${jobId}/runs/${runId}`);
      return got.json.status === 'running' ? undefined : (got.json as object);
    }, 60_000);
    return { jobId, runId, run };
  }

  const reproduce = (alias: string, runId: string, ...more: string[]): string[] => [
    'run',
    'reproduce',
    '--server',
    server.url,
    '--job-id',
    alias,
    '--run-id',
    runId,
    '--task',
    'load',
    ...more,
  ];

  it('serves the recorded descriptor: secret references unresolved, literal secrets redacted, params and outputs apart', async () => {
    const { jobId, runId, run } = await failedRun('reproduce-descriptor', steps('local'));
    expect(run.tasks.map((t: Json): [string, string] => [t.name, t.status])).toEqual([
      ['prep', 'succeeded'],
      ['load', 'failed'],
      ['report', 'skipped'],
    ]);
    const got = await call(`${server.url}/v1/jobs/${jobId}/runs/${runId}/tasks/load/descriptor`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      job_id: jobId,
      run_id: runId,
      task: 'load',
      attempt: 1,
      engine: 'local',
      command: ['sh', '-c', SCRIPT],
      env: { TOKEN: 'secret://env/REPRO_TOKEN', DB_PASSWORD: '***', MODE: 'strict', CAESIUM_JOB_ALIAS: 'reproduce-descriptor' },
      params: { CAESIUM_PARAM_DAY: '2024-01-01' },
      outputs: { CAESIUM_OUTPUT_PREP_ROWS: '42' },
      redacted_env: ['DB_PASSWORD'],
      workdir: '',
      mounts: [],
    });
    expect(JSON.stringify(got.json)).not.toContain('hunter2');
    const byId = await call(`${server.url}/v1/jobs/${jobId}/runs/${runId}/tasks/${got.json.task_id as string}/descriptor`);
    expect(byId.json.task).toBe('load');

    const skipped = await runCli([...reproduce('reproduce-descriptor', runId).slice(0, -1), 'report']);
    expect(skipped.code).toBe(1);
    expect(skipped.stderr).toContain(
      `run reproduce failed (404): task report of run ${runId} has no recorded launch (it is skipped): only a task the server started can be reproduced`,
    );
  });

  it('reproduces a failed local task here: the same failure and exit code, the secret resolved locally', async () => {
    const { runId, run } = await failedRun('reproduce-local', steps('local'));
    const serverLog = await fetch(`${server.url}/v1/jobs/${run.job_id as string}/runs/${runId}/logs?task_id=load`).then((r) => r.text());
    expect(serverLog).toContain('token-from-server');

    const cli = await runCli(reproduce('reproduce-local', runId), { env: { REPRO_TOKEN: 'laptop-secret' } });
    expect(cli.code).toBe(3);
    expect(taskLines(cli.stdout)).toEqual(['load | rows=42 day=2024-01-01', 'load | token-from-laptop', 'load | pw=***', 'load | boom']);
    expect(cli.stdout).toMatch(/ {2}FAIL {2}load {2}failed .*error: command exited with non-zero status \(exit code 3\)/);
    expect(cli.stderr).toContain(`Reproducing task load of run ${runId} (attempt 1, ran on local) on local`);
    expect(cli.stderr).toContain('resolved locally: TOKEN (secret://env/REPRO_TOKEN)');
    expect(cli.stderr).toContain('DB_PASSWORD read *** (set them with --env NAME=VALUE)');

    const withPassword = await runCli(reproduce('reproduce-local', runId, '--env', 'DB_PASSWORD=dev'), {
      env: { REPRO_TOKEN: 'laptop-secret' },
    });
    expect(withPassword.code).toBe(3);
    expect(withPassword.stdout).toContain('load | pw=dev\n');

    const noSecret = await runCli(reproduce('reproduce-local', runId), { env: { REPRO_TOKEN: undefined } });
    expect(noSecret.code).toBe(1);
    expect(noSecret.stdout).toContain('environment variable "REPRO_TOKEN" is not set');
  });

  it('--shell runs what it reads from a pipe with the task env and exits with the shell', async () => {
    const { runId } = await failedRun('reproduce-shell', steps('local'));
    const shell = await runPiped(
      reproduce('reproduce-shell', runId, '--shell'),
      'echo "$TOKEN $CAESIUM_OUTPUT_PREP_ROWS $MODE"; exit 3\n',
      {
        REPRO_TOKEN: 'laptop-secret',
      },
    );
    expect(shell.stdout).toBe('laptop-secret 42 strict\n');
    expect(shell.code).toBe(3);
  });

  it.skipIf(tmux.skip)(
    '--shell on a terminal (tmux): an interactive shell with the task env',
    async () => {
      const { runId } = await failedRun('reproduce-tty', steps('local'));
      const pane = await inTmux(
        reproduce('reproduce-tty', runId, '--shell'),
        { REPRO_TOKEN: 'laptop-secret', SHELL: '/bin/sh' },
        /Reproducing task load/,
        ['echo "got:$TOKEN:$CAESIUM_PARAM_DAY"', 'exit 6'],
      );
      expect(pane).toContain('got:laptop-secret:2024-01-01');
      expect(pane).toContain('EXIT=6');
    },
    60_000,
  );

  describe.skipIf(docker.skip)('on Docker', () => {
    it(`reproduces a failed container task in ${TEST_IMAGE}, and opens a shell in it`, async () => {
      const { runId, run } = await failedRun('reproduce-docker', steps('docker'));
      expect(run.tasks.map((t: Json): string => String(t.status))).toEqual(['succeeded', 'failed', 'skipped']);

      const cli = await runCli(reproduce('reproduce-docker', runId), { env: { REPRO_TOKEN: 'laptop-secret' } });
      expect(cli.code).toBe(3);
      expect(taskLines(cli.stdout)).toEqual(['load | rows=42 day=2024-01-01', 'load | token-from-laptop', 'load | pw=***', 'load | boom']);
      expect(cli.stdout).toMatch(/FAIL {2}load {2}failed .*\(exit code 3\)/);
      expect(cli.stderr).toContain(`(attempt 1, ran on docker) on docker (${TEST_IMAGE})`);

      const shell = await runPiped(
        reproduce('reproduce-docker', runId, '--shell'),
        'echo "$TOKEN $CAESIUM_OUTPUT_PREP_ROWS $(hostname | wc -c)"; exit 4\n',
        {
          REPRO_TOKEN: 'laptop-secret',
        },
      );
      expect(shell.stdout).toMatch(/^laptop-secret 42 \d+\n$/);
      expect(shell.code).toBe(4);

      // The same container task on the host.
      const local = await runCli(reproduce('reproduce-docker', runId, '--engine', 'local'), { env: { REPRO_TOKEN: 'laptop-secret' } });
      expect(local.code).toBe(3);
      expect(local.stdout).toContain('load | token-from-laptop\n');
    }, 120_000);

    it.skipIf(podman.skip)(
      'reproduces the container task on Podman, and opens a shell in it there',
      async () => {
        const { runId } = await failedRun('reproduce-podman', steps('docker'));
        const cli = await runCli(reproduce('reproduce-podman', runId, '--engine', 'podman'), { env: { REPRO_TOKEN: 'laptop-secret' } });
        expect(cli.code).toBe(3);
        expect(taskLines(cli.stdout)).toEqual([
          'load | rows=42 day=2024-01-01',
          'load | token-from-laptop',
          'load | pw=***',
          'load | boom',
        ]);
        expect(cli.stderr).toContain(`(attempt 1, ran on docker) on podman (${TEST_IMAGE})`);
        const shell = await runPiped(
          reproduce('reproduce-podman', runId, '--engine', 'podman', '--shell'),
          'echo "$TOKEN $MODE"; exit 4\n',
          {
            REPRO_TOKEN: 'laptop-secret',
          },
        );
        expect(shell.stdout).toBe('laptop-secret strict\n');
        expect(shell.code).toBe(4);
      },
      120_000,
    );

    it.skipIf(tmux.skip)(
      '--shell on a terminal (tmux) opens docker run -it in the image',
      async () => {
        const { runId } = await failedRun('reproduce-docker-tty', steps('docker'));
        const pane = await inTmux(
          reproduce('reproduce-docker-tty', runId, '--shell'),
          { REPRO_TOKEN: 'laptop-secret' },
          /Reproducing task load/,
          ['[ -t 0 ] && echo "tty:$TOKEN:$CAESIUM_OUTPUT_PREP_ROWS"', 'exit 5'],
        );
        expect(pane).toContain('tty:laptop-secret:42');
        expect(pane).toContain('EXIT=5');
      },
      120_000,
    );
  });
});
