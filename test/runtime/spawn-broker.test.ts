/**
 * What is particular to the spawn broker (the local runtime contract runs over
 * it in local.test.ts): its lifecycle beside the process that started it.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import type { LogLine, TaskHandle, TaskLaunch } from '../../src/engine/ports/runtime.js';
import { createLocalRuntime } from '../../src/runtime/local/local.js';
import { killRunProcesses } from '../../src/runtime/local/local-orphans.js';
import { createSpawnBroker } from '../../src/runtime/local/spawn-broker.js';
import { childProcesses, processes, processesInGroups, settle } from '../support/engines.js';
import { requireBrokerBuilt } from '../support/spawn-broker.js';

const SPAWN_BROKER_JS = requireBrokerBuilt().replace(/spawn-broker-main\.js$/, 'spawn-broker.js');
const pgid = (handle: TaskHandle): number => Number(handle.id.replace(/^pid:/, ''));
const task = (command: string[], env: Record<string, string> = {}): TaskLaunch => ({
  runId: 'r',
  taskRunId: 't',
  jobAlias: 'job',
  stepName: 'step',
  attempt: 1,
  engine: 'local',
  image: '',
  command,
  env,
  workdir: '',
  mounts: [],
  labels: {},
});

describe('spawn broker', () => {
  const runtime = createLocalRuntime({ killGraceMs: 300, spawner: createSpawnBroker({ script: requireBrokerBuilt() }) });
  afterAll(async () => {
    await runtime.close?.();
    expect(await settle(() => childProcesses())).toEqual([]);
  });

  test('output of both streams arrives whole and in order, however the broker batches it', async () => {
    const script = 'i=0; while [ $i -lt 3000 ]; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); done; printf "é no newline"';
    const handle = await runtime.start(task(['sh', '-c', script]), new AbortController().signal);
    const lines: LogLine[] = [];
    for await (const line of handle.logs()) lines.push(line);
    expect(await handle.wait()).toEqual({ result: 'success', exitCode: 0 });
    const numbers = Array.from({ length: 3000 }, (_, i) => i);
    expect(lines.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual([...numbers.map((i) => `out ${i}`), 'é no newline']);
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(numbers.map((i) => `err ${i}`));
  });

  test('when the broker dies, its running tasks end unknown with their groups killed; the next task gets a new broker', async () => {
    const handle = await runtime.start(task(['sleep', '30']), new AbortController().signal);
    const [broker] = childProcesses();
    expect(broker?.command).toBe('node');
    process.kill(broker!.pid, 'SIGKILL');
    expect(await handle.wait()).toEqual({ result: 'unknown', exitCode: null });
    expect(await settle(() => processesInGroups([pgid(handle)]))).toEqual([]);
    const next = await runtime.start(task(['true']), new AbortController().signal);
    expect(await next.wait()).toEqual({ result: 'success', exitCode: 0 });
  });

  test('when the process that started it dies (SIGKILL), the broker stops its tasks and exits', async () => {
    const runId = `broker-orphan-${randomUUID()}`;
    const parentScript = `
      const { createSpawnBroker } = await import(${JSON.stringify(SPAWN_BROKER_JS)});
      const broker = createSpawnBroker({ script: ${JSON.stringify(requireBrokerBuilt())} });
      const task = await broker.spawn({ file: 'sleep', args: ['30'], cwd: '/', env: { CAESIUM_RUN_ID: ${JSON.stringify(runId)} } }, { output() {}, exit() {} });
      console.log(task.pid);
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const taskPid = Number(
      await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()))),
    );
    const [broker] = childProcesses(parent.pid);
    expect(broker?.command).toBe('node');
    parent.kill('SIGKILL');
    expect(await settle(() => processesInGroups([taskPid]))).toEqual([]);
    expect(await settle(() => processes().filter((p) => p.pid === broker!.pid))).toEqual([]);
    expect(await killRunProcesses([runId])).toBe(0);
  });
});
