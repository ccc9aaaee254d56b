import { describe, expect, test } from 'vitest';
import { RuntimeError } from '../../src/engine/ports/runtime.js';
import { createDockerRuntime } from '../../src/runtime/container/docker.js';
import { managedContainers, requireEngine, TEST_IMAGE } from '../support/engines.js';
import { containerExtras } from './container-extras.js';
import { runtimeContract } from './runtime-contract.js';

const docker = await requireEngine('docker');

describe.skipIf(docker.skip)('docker', () => {
  runtimeContract('docker', () => createDockerRuntime(), {
    image: TEST_IMAGE,
    workdir: '/work/sub',
    images: true,
    leaks: (runId) => managedContainers('docker', runId),
  });
  containerExtras('docker', (env) => createDockerRuntime({ ...process.env, ...env }));
});

describe('docker without a daemon', () => {
  test('start fails with a RuntimeError naming the address', async () => {
    const runtime = await createDockerRuntime({ CAESIUM_DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    const task = {
      runId: 'r',
      taskRunId: 't',
      jobAlias: 'j',
      stepName: 's',
      attempt: 1,
      engine: 'docker' as const,
      image: TEST_IMAGE,
      command: ['true'],
      env: {},
      workdir: '',
      mounts: [],
      labels: {},
    };
    const error = (await runtime.start(task, new AbortController().signal).catch((e: unknown) => e)) as RuntimeError;
    expect(error).toBeInstanceOf(RuntimeError);
    expect(error.type).toBe('engine_unavailable');
    expect(error.message).toContain('cannot reach docker at unix:///nonexistent/docker.sock');
    expect(await runtime.checkImage(TEST_IMAGE)).toMatchObject({ status: 'error' });
  });
});
