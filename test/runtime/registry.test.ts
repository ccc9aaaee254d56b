import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { RuntimeError } from '../../src/engine/ports/runtime.js';
import type { TaskLaunch } from '../../src/engine/ports/runtime.js';
import { createRuntimes, KUBERNETES_UNSUPPORTED } from '../../src/runtime/index.js';

const task: TaskLaunch = {
  runId: 'r', taskRunId: 't', jobAlias: 'j', stepName: 'deploy', attempt: 1, engine: 'kubernetes', image: 'x', command: ['true'], env: {}, workdir: '', mounts: [], labels: {},
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
    expect(await registry.checkImage('docker', 'x')).toMatchObject({ image: 'x', status: 'error', unreachable: true, message: expect.stringContaining('ENOENT') });
    await expect(registry.removeRunContainers('nothing')).rejects.toThrow(/cannot reach docker at unix:\/\/\/nonexistent.sock/);
    expect(await createRuntimes({}).removeRunContainers('nothing')).toBe(0);
  });

  test('an unsupported engine address rejects get()', async () => {
    await expect(createRuntimes({ DOCKER_HOST: 'ssh://me@host' }).get('docker')).rejects.toThrow(/unsupported engine address/);
  });

  test('no runtime module imports dockerode at load time (only `import type`, and a lazy import())', () => {
    const dir = new URL('../../src/runtime/', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      expect(source, file).not.toMatch(/^import (?!type )[^;]*from 'dockerode'/m);
    }
  });
});
