import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RuntimeError } from '../../src/engine/ports/runtime.js';
import type { LogLine, TaskHandle, TaskLaunch } from '../../src/engine/ports/runtime.js';
import { createLocalRuntime } from '../../src/runtime/local/local.js';
import { nativeSpawnAvailable } from '../../src/runtime/local/native-spawn.js';
import { inProcessSpawner, inProcessSpawnerKind, spawnProcess, type ProcessSpawner } from '../../src/runtime/local/process-spawner.js';
import { createSpawnBroker } from '../../src/runtime/local/spawn-broker.js';
import { childProcesses, processesInGroups, settle } from '../support/engines.js';
import { requireBrokerBuilt } from '../support/spawn-broker.js';
import { runtimeContract } from './runtime-contract.js';

const workdir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'caesium-local-')));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

const pgid = (handle: TaskHandle): number => Number(handle.id.replace(/^pid:/, ''));
const describeProcs = (pgids: number[]): string[] => processesInGroups(pgids).map((p) => `pid ${p.pid} (${p.command}) in group ${p.pgrp}`);

/**
 * The local runtime starts tasks in-process (`caesium dev`: the native spawner when it is built,
 * else child_process) or through the spawn broker (the server): every way meets everything below.
 */
const spawners: [string, () => ProcessSpawner][] = [
  [nativeSpawnAvailable() ? 'local (native spawner)' : 'local (native spawner not built: child_process)', () => inProcessSpawner],
  ['local via child_process (the fallback without the native spawner)', () => ({ spawn: spawnProcess })],
  ['local via spawn broker', () => createSpawnBroker({ script: requireBrokerBuilt() })],
];

describe('native spawner', () => {
  test('is built and used for local tasks when the build could compile it (required in CI)', () => {
    if (!nativeSpawnAvailable()) {
      const why = 'native/spawn/build/Release/caesium_spawn.node is not built (npm run build builds it) or CAESIUM_NATIVE_SPAWN=0';
      if (process.env.CAESIUM_TEST_REQUIRE_ENGINES === '1')
        throw new Error(`the native spawner is required in CI (CAESIUM_TEST_REQUIRE_ENGINES=1): ${why}`);
      console.warn(`[caesium tests] native spawner not tested: ${why}`);
      return;
    }
    expect(inProcessSpawnerKind).toBe('native');
  });
});

for (const [name, spawner] of spawners) {
  runtimeContract(name, () => Promise.resolve(createLocalRuntime({ killGraceMs: 1_000, spawner: spawner() })), {
    image: '',
    workdir,
    images: false,
    async leaks(_runId, started) {
      const pgids = started.map(pgid);
      const children = (await settle(() => childProcesses())).map((p) => `child pid ${p.pid} (${p.command})`);
      return [...(await settle(() => describeProcs(pgids))), ...children];
    },
    async gone(handle) {
      expect(await settle(() => describeProcs([pgid(handle)]))).toEqual([]);
    },
  });

  describe(`${name} runtime`, () => {
    const runtime = createLocalRuntime({
      killGraceMs: 300,
      spawner: spawner(),
      parentEnv: { PATH: process.env.PATH, HOME: '/home/someone', SECRET: 'not inherited' },
    });
    afterAll(async () => {
      await runtime.close?.();
      expect(await settle(() => childProcesses())).toEqual([]);
    });
    const task = (command: string[] | undefined, extra: Partial<TaskLaunch> = {}): TaskLaunch => ({
      runId: 'r',
      taskRunId: 't',
      jobAlias: 'job',
      stepName: 'build',
      attempt: 1,
      engine: 'local',
      image: '',
      command,
      env: {},
      workdir: '',
      mounts: [],
      labels: {},
      ...extra,
    });
    const stdout = async (handle: TaskHandle): Promise<string[]> => {
      const lines: LogLine[] = [];
      for await (const line of handle.logs()) lines.push(line);
      return lines.filter((l) => l.stream === 'stdout').map((l) => l.text);
    };

    test('a step without a command is a RuntimeError saying so', async () => {
      for (const command of [undefined, []]) {
        const error = await runtime.start(task(command), new AbortController().signal).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RuntimeError);
        expect((error as RuntimeError).message).toMatch(/step "build" has no command/);
        expect((error as RuntimeError).retryable).toBe(false);
      }
    });

    test('the environment is the task env plus PATH and HOME of the parent; the task env wins', async () => {
      const handle = await runtime.start(task(['env'], { env: { A: '1', HOME: '/task/home' } }), new AbortController().signal);
      const lines = await stdout(handle);
      expect(lines.sort()).toEqual([`A=1`, 'HOME=/task/home', `PATH=${process.env.PATH}`].sort());
    });

    test('the command runs without a shell: arguments are passed verbatim', async () => {
      const handle = await runtime.start(task(['echo', '$HOME', 'a  b', '*']), new AbortController().signal);
      expect(await stdout(handle)).toEqual(['$HOME a  b *']);
    });

    test('a relative workdir resolves against the current directory; a missing one is a RuntimeError', async () => {
      const handle = await runtime.start(task(['pwd'], { workdir: path.relative(process.cwd(), workdir) }), new AbortController().signal);
      expect(await stdout(handle)).toEqual([workdir]);
      const error = await runtime
        .start(task(['pwd'], { workdir: path.join(workdir, 'missing') }), new AbortController().signal)
        .catch((e: unknown) => e);
      expect((error as RuntimeError).message).toContain(`workdir ${path.join(workdir, 'missing')} does not exist`);
    });

    test('a task that ignores SIGTERM is killed after the grace period', async () => {
      const handle = await runtime.start(task(['sh', '-c', 'trap "" TERM; echo ready; sleep 30']), new AbortController().signal);
      for await (const _line of handle.logs()) break;
      await handle.stop();
      expect(await handle.wait()).toEqual({ result: 'killed', exitCode: 137 });
      expect(await settle(() => describeProcs([pgid(handle)]))).toEqual([]);
    });

    test('processes left behind by a task that exited are ended with it', async () => {
      const handle = await runtime.start(task(['sh', '-c', 'sleep 30 & echo done']), new AbortController().signal);
      expect(await handle.wait()).toEqual({ result: 'success', exitCode: 0 });
      expect(await settle(() => describeProcs([pgid(handle)]))).toEqual([]);
    });

    test('a command that is not on the task PATH, or not executable, is a clear RuntimeError', async () => {
      const missing = await runtime.start(task(['no-such-command-here']), new AbortController().signal).catch((e: unknown) => e);
      expect((missing as RuntimeError).message).toBe('cannot start command "no-such-command-here": command not found');
      const plain = path.join(workdir, 'not-executable.sh');
      writeFileSync(plain, 'echo hi\n', { mode: 0o644 });
      const denied = await runtime.start(task([plain]), new AbortController().signal).catch((e: unknown) => e);
      expect((denied as RuntimeError).message).toBe(`cannot start command "${plain}": permission denied`);
      const handle = await runtime.start(task(['sh', '-c', 'echo $0'], { env: { PATH: '/bin' } }), new AbortController().signal);
      expect(await stdout(handle)).toEqual(['sh']);
    });

    test('a signal death maps to its result', async () => {
      const handle = await runtime.start(task(['sh', '-c', 'kill -TERM $$']), new AbortController().signal);
      expect(await handle.wait()).toEqual({ result: 'terminated', exitCode: 143 });
    });
  });
}
