import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RuntimeError } from '../../src/engine/ports/runtime.js';
import type { LogLine, TaskHandle, TaskLaunch } from '../../src/engine/ports/runtime.js';
import { createLocalRuntime } from '../../src/runtime/local/local.js';
import { inProcessSpawner, type ProcessSpawner } from '../../src/runtime/local/process-spawner.js';
import { createSpawnBroker } from '../../src/runtime/local/spawn-broker.js';
import { childProcesses, processesInGroups, settle } from '../support/engines.js';
import { requireBrokerBuilt } from '../support/spawn-broker.js';
import { runtimeContract } from './runtime-contract.js';

const workdir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'caesium-local-')));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

const pgid = (handle: TaskHandle): number => Number(handle.id.replace(/^pid:/, ''));
const describeProcs = (pgids: number[]): string[] => processesInGroups(pgids).map((p) => `pid ${p.pid} (${p.command}) in group ${p.pgrp}`);

/** The local runtime forks in-process (`caesium dev`) or through the spawn broker (the server): both meet everything below. */
const spawners: [string, () => ProcessSpawner][] = [
  ['local', () => inProcessSpawner],
  ['local via spawn broker', () => createSpawnBroker({ script: requireBrokerBuilt() })],
];

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

    test('a signal death maps to its result', async () => {
      const handle = await runtime.start(task(['sh', '-c', 'kill -TERM $$']), new AbortController().signal);
      expect(await handle.wait()).toEqual({ result: 'terminated', exitCode: 143 });
    });
  });
}
