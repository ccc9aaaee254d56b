import { describe, expect, test } from 'vitest';
import { createRuntimes } from '../../src/runtime/index.js';
import { createPodmanRuntime } from '../../src/runtime/container/podman.js';
import { managedContainers, requireEngine, TEST_IMAGE } from '../support/engines.js';
import { containerExtras } from './container-extras.js';
import { runtimeContract } from './runtime-contract.js';

const podman = await requireEngine('podman');

describe.skipIf(podman.skip)('podman', () => {
  runtimeContract('podman', () => createPodmanRuntime(), {
    image: TEST_IMAGE,
    workdir: '/work/sub',
    images: true,
    leaks: (runId) => managedContainers('podman', runId),
  });
  containerExtras('podman', (env) => createPodmanRuntime({ ...process.env, ...env }));

  test('containers get explicit ulimits; localhost/ names resolve; CAESIUM_PODMAN=true routes docker steps here', async () => {
    const registry = createRuntimes({ ...process.env, CAESIUM_PODMAN: 'true' });
    const runtime = await registry.get('docker');
    expect(runtime.engine).toBe('podman');
    const task = {
      runId: 'podman-ulimits',
      taskRunId: 't',
      jobAlias: 'j',
      stepName: 's',
      attempt: 1,
      engine: 'docker' as const,
      image: `localhost/${TEST_IMAGE}`,
      command: ['sh', '-c', 'ulimit -n; ulimit -u'],
      env: {},
      workdir: '',
      mounts: [],
      labels: {},
    };
    const handle = await runtime.start(task, new AbortController().signal);
    const lines: string[] = [];
    for await (const line of handle.logs()) lines.push(line.text);
    expect(await handle.wait()).toMatchObject({ result: 'success' });
    await handle.remove();
    expect(lines).toEqual(['1024', '1024']);
    await registry.closeAll();
    expect(await managedContainers('podman', 'podman-ulimits')).toEqual([]);
  });
});
