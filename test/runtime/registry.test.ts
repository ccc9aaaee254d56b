import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { RuntimeError } from '../../src/engine/ports/runtime.js';
import type { TaskLaunch } from '../../src/engine/ports/runtime.js';
import { createRuntimes, KUBERNETES_UNSUPPORTED } from '../../src/runtime/index.js';

const task: TaskLaunch = {
  runId: 'r',
  taskRunId: 't',
  jobAlias: 'j',
  stepName: 'deploy',
  attempt: 1,
  engine: 'kubernetes',
  image: 'x',
  command: ['true'],
  env: {},
  workdir: '',
  mounts: [],
  labels: {},
};

describe('createRuntimes', () => {
  test('creates each runtime once, lazily; CAESIUM_PODMAN=true routes docker to podman', async () => {
    const registry = createRuntimes({ CAESIUM_PODMAN: 'true', CAESIUM_SOCK: '/nonexistent.sock' });
    const local = await registry.get('local');
    expect(local.engine).toBe('local');
    expect(await registry.get('local')).toBe(local);
    expect((await registry.get('docker')).engine).toBe('podman');
    expect(await registry.get('docker')).toBe(await registry.get('podman'));
    expect((await createRuntimes({}).get('docker')).engine).toBe('docker');
    await registry.closeAll();
  });

  test('kubernetes steps are refused with a hint to override the engine', async () => {
    const runtime = await createRuntimes({}).get('kubernetes');
    const error = await runtime.start(task, new AbortController().signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as RuntimeError).message).toBe(`step "deploy": ${KUBERNETES_UNSUPPORTED}`);
    expect(KUBERNETES_UNSUPPORTED).toContain('--engine docker|podman|local');
  });

  test('checkImage: local and kubernetes have nothing to check; a bad address is an error', async () => {
    const registry = createRuntimes({ CAESIUM_DOCKER_HOST: 'unix:///nonexistent.sock' });
    expect(await registry.checkImage('local', 'x')).toEqual({ image: 'x', status: 'present' });
    expect(await registry.checkImage('docker', 'x')).toMatchObject({
      image: 'x',
      status: 'error',
      unreachable: true,
      message: expect.stringContaining('ENOENT'),
    });
    await expect(registry.removeRunContainers('nothing')).rejects.toThrow(/cannot reach docker at unix:\/\/\/nonexistent.sock/);
    expect(await createRuntimes({}).removeRunContainers('nothing')).toBe(0);
  });

  const procfs = existsSync('/proc/self/stat');
  if (!procfs) {
    const reason = '/proc is not mounted: the sweep finds leftover process groups there (Linux only)';
    if (process.env.CAESIUM_TEST_REQUIRE_ENGINES === '1')
      throw new Error(`the sweep check is required (CAESIUM_TEST_REQUIRE_ENGINES=1) but ${reason}`);
    console.warn(`[caesium tests] skipping the sweep check: ${reason}`);
  }
  test.skipIf(!procfs)("sweepRun kills a run's leftover process group and reports what it cannot reach, without rejecting", async () => {
    const runId = `sweep-${randomUUID()}`;
    // A task process that left the engine's hands: its own group, carrying the run's marker.
    const leftover = spawn('sleep', ['30'], { detached: true, stdio: 'ignore', env: { ...process.env, CAESIUM_RUN_ID: runId } });
    const exited = new Promise((resolve) => leftover.once('exit', (_code, signal) => resolve(signal)));
    await new Promise((resolve) => leftover.once('spawn', resolve));
    expect(await createRuntimes({}).sweepRun(runId)).toEqual({ processGroups: 1, containers: 0, failures: [] });
    expect(await exited).toBe('SIGKILL');
    const unreachable = await createRuntimes({ CAESIUM_DOCKER_HOST: 'unix:///nonexistent.sock' }).sweepRun(runId, {
      engines: new Set(['local', 'docker']),
    });
    expect(unreachable).toMatchObject({ processGroups: 0, containers: 0 });
    expect(unreachable.failures.map((f) => [f.what, String(f.error)])).toEqual([
      ['containers', expect.stringMatching(/cannot reach docker at unix:\/\/\/nonexistent.sock/)],
    ]);
  });

  test('an unsupported engine address rejects get()', async () => {
    await expect(createRuntimes({ DOCKER_HOST: 'ssh://me@host' }).get('docker')).rejects.toThrow(/unsupported engine address/);
  });

  test('no runtime module imports dockerode at load time (only `import type`, and a lazy import())', () => {
    const dir = new URL('../../src/runtime/', import.meta.url);
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      expect(source, file).not.toMatch(/^import (?!type )[^;]*from 'dockerode'/m);
    }
  });
});
