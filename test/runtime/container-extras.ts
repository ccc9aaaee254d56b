/**
 * What the docker and podman adapters do beyond the runtime contract: labels,
 * mounts, network, cleanup by run id, image checks. Run against the real engine.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { LogLine, TaskHandle, TaskLaunch } from '../../src/engine/ports/runtime.js';
import type { ContainerRuntime } from '../../src/runtime/container/container-runtime.js';
import { engineRequest, managedContainers, TEST_IMAGE } from '../support/engines.js';
import type { ContainerEngine } from '../support/engines.js';

/** Registers the container-only tests for `engine`; `make(env)` creates its runtime with extra environment. */
export function containerExtras(engine: ContainerEngine, make: (env: Record<string, string>) => Promise<ContainerRuntime>): void {
  describe(`${engine} runtime extras`, () => {
    const runId = `extras-${engine}-${randomUUID()}`;
    const dir = mkdtempSync(path.join(os.tmpdir(), `caesium-${engine}-`));
    writeFileSync(path.join(dir, 'input.txt'), 'from the host\n');
    const runtimes: ContainerRuntime[] = [];
    const runtime = async (env: Record<string, string> = {}): Promise<ContainerRuntime> => {
      const created = await make(env);
      runtimes.push(created);
      return created;
    };
    const task = (command: string[], extra: Partial<TaskLaunch> = {}): TaskLaunch => ({
      runId,
      taskRunId: randomUUID(),
      jobAlias: 'extras job',
      stepName: 'step/1',
      attempt: 2,
      engine,
      image: TEST_IMAGE,
      command,
      env: {},
      workdir: '',
      mounts: [],
      labels: { team: 'data' },
      ...extra,
    });
    const lines = async (handle: TaskHandle): Promise<string[]> => {
      const all: LogLine[] = [];
      for await (const line of handle.logs()) all.push(line);
      return all.map((l) => `${l.stream}: ${l.text}`);
    };
    const inspect = async (
      handle: TaskHandle,
    ): Promise<{ Config: { Labels: Record<string, string> }; HostConfig: { NetworkMode: string; Ulimits: unknown } }> =>
      (await engineRequest(engine, `/containers/${handle.id}/json`)).body as never;

    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      for (const created of runtimes) await created.close?.();
      expect(await managedContainers(engine, runId)).toEqual([]);
    });

    test('containers carry the caesium labels and the task labels', async () => {
      const handle = await (await runtime()).start(task(['true']), new AbortController().signal);
      await handle.wait();
      const labels = (await inspect(handle)).Config.Labels;
      await handle.remove();
      expect(labels).toMatchObject({
        team: 'data',
        'caesium.run-id': runId,
        'caesium.job': 'extras job',
        'caesium.step': 'step/1',
        'caesium.attempt': '2',
        'caesium.managed': 'true',
      });
      expect(labels['caesium.task-run-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    test('bind (read-only), volume and tmpfs mounts', async () => {
      const volume = `caesium-test-${randomUUID().slice(0, 8)}`;
      const mounts = [
        { type: 'bind', source: dir, target: '/in', readOnly: true },
        { source: volume, target: '/vol' },
        { type: 'tmpfs', target: '/scratch' },
      ];
      const script =
        'cat /in/input.txt; touch /in/x 2>/dev/null || echo read-only; echo v > /vol/f && cat /vol/f; grep -c " /scratch tmpfs" /proc/mounts';
      const handle = await (await runtime()).start(task(['sh', '-c', script], { mounts }), new AbortController().signal);
      expect(await lines(handle)).toEqual(['stdout: from the host', 'stdout: read-only', 'stdout: v', 'stdout: 1']);
      expect((await handle.wait()).result).toBe('success');
      await handle.remove();
      await engineRequest(engine, `/volumes/${volume}?force=true`, 'DELETE');
    });

    test(`the network mode comes from CAESIUM_${engine.toUpperCase()}_NETWORK`, async () => {
      const handle = await (
        await runtime({ [`CAESIUM_${engine.toUpperCase()}_NETWORK`]: 'none' })
      ).start(task(['true']), new AbortController().signal);
      await handle.wait();
      const mode = (await inspect(handle)).HostConfig.NetworkMode;
      await handle.remove();
      expect(mode).toBe('none');
    });

    test('removeRunContainers removes every container of the run, running or not', async () => {
      const rt = await runtime();
      const otherRun = `${runId}-other`;
      const a = await rt.start(task(['sleep', '30'], { runId: otherRun }), new AbortController().signal);
      const b = await rt.start(task(['true'], { runId: otherRun }), new AbortController().signal);
      await b.wait();
      expect(await rt.removeRunContainers(otherRun)).toBe(2);
      expect(['killed', 'terminated', 'unknown']).toContain((await a.wait()).result);
      expect(await managedContainers(engine, otherRun)).toEqual([]);
      await Promise.all([a.remove(), b.remove()]);
    });

    test('checkImage: present, missing', async () => {
      const rt = await runtime();
      expect(await rt.checkImage(TEST_IMAGE)).toMatchObject({ image: TEST_IMAGE, status: 'present' });
      expect(await rt.checkImage('caesium-test/no-such-image:1')).toMatchObject({
        status: 'missing',
        message: expect.stringContaining('not present locally'),
      });
    });

    test('an image entrypoint runs when the command is undefined', async () => {
      const handle = await (await runtime()).start(task([], { command: undefined, env: { X: 'y' } }), new AbortController().signal);
      expect(await handle.wait()).toEqual({ result: 'success', exitCode: 0 });
      await handle.remove();
    });

    test('exit codes of signal deaths map to killed (137) and terminated (143)', async () => {
      const rt = await runtime();
      for (const [code, result] of [
        [137, 'killed'],
        [143, 'terminated'],
      ] as const) {
        const handle = await rt.start(task(['sh', '-c', `exit ${code}`]), new AbortController().signal);
        expect(await handle.wait()).toEqual({ result, exitCode: code });
        await handle.remove();
      }
    });

    test('a task whose container is removed from under it ends killed', async () => {
      const rt = await runtime();
      const handle = await rt.start(task(['sleep', '30'], { runId: `${runId}-gone` }), new AbortController().signal);
      await rt.removeRunContainers(`${runId}-gone`);
      expect((await handle.wait()).result).toBe('killed');
      await handle.remove();
    });
  });
}
