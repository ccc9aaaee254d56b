/**
 * The one contract every `Runtime` adapter meets (docs/architecture.md rule 4), run by
 * local.test.ts, docker.test.ts and podman.test.ts against the real thing.
 *
 * Known differences, and why:
 * - `local` has no image: `image` and `mounts` are ignored, a step needs a
 *   command, and "cannot start" means a command that does not exist. Its
 *   env is the task's env plus PATH and HOME (a host process needs them).
 * - How a stop ends: `local` sends SIGTERM to the process group first (so a
 *   plain process ends `terminated`, 143), containers are killed (`killed`,
 *   137). Both are accepted.
 * - Interleaving of stdout with stderr: containers mux the two streams in the
 *   engine, so only the order within each stream is asserted.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { RuntimeError } from '../../src/engine/ports/runtime.js';
import type { LogLine, Runtime, TaskHandle, TaskLaunch } from '../../src/engine/ports/runtime.js';

export interface ContractOptions {
  /** Image tasks run in; `local` ignores it. */
  image: string;
  /** A working directory to run in that is not the default one. */
  workdir: string;
  /** Whether the adapter runs images (a missing image is then a start failure). */
  images: boolean;
  /** Descriptions of whatever the suite left behind, given its run id and the handles it started; checked after the suite. */
  leaks(runId: string, started: TaskHandle[]): Promise<string[]>;
  /** Extra checks that a stopped task is entirely gone (its children for `local`). */
  gone?(handle: TaskHandle): Promise<void>;
}

const LONG = ['sh', '-c', 'echo started; sleep 30 & sleep 30'];

/** Registers the contract suite for one adapter. */
export function runtimeContract(name: string, makeRuntime: () => Promise<Runtime>, opts: ContractOptions): void {
  describe(`${name} runtime contract`, () => {
    const runId = `contract-${name}-${randomUUID()}`;
    const started: TaskHandle[] = [];
    let runtime: Runtime | undefined;

    const launch = (command: string[] | undefined, extra: Partial<TaskLaunch> = {}): TaskLaunch => ({
      runId,
      taskRunId: randomUUID(),
      jobAlias: 'contract',
      stepName: 'step',
      attempt: 1,
      engine: 'local',
      image: opts.image,
      command,
      env: {},
      workdir: '',
      mounts: [],
      labels: {},
      ...extra,
    });

    const start = async (task: TaskLaunch, signal = new AbortController().signal): Promise<TaskHandle> => {
      runtime ??= await makeRuntime();
      const handle = await runtime.start(task, signal);
      started.push(handle);
      return handle;
    };

    const collect = async (handle: TaskHandle): Promise<LogLine[]> => {
      const lines: LogLine[] = [];
      for await (const line of handle.logs()) lines.push(line);
      return lines;
    };

    const run = async (command: string[], extra: Partial<TaskLaunch> = {}) => {
      const handle = await start(launch(command, extra));
      const [lines, exit] = await Promise.all([collect(handle), handle.wait()]);
      await handle.remove();
      return { lines, exit, stdout: texts(lines, 'stdout'), stderr: texts(lines, 'stderr') };
    };

    const startFailure = async (task: TaskLaunch): Promise<RuntimeError> => {
      runtime ??= await makeRuntime();
      const error: unknown = await runtime.start(task, new AbortController().signal).then(
        (handle) => {
          started.push(handle);
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RuntimeError);
      return error as RuntimeError;
    };

    afterAll(async () => {
      await Promise.all(started.map((handle) => handle.remove()));
      await runtime?.close?.();
      expect(await opts.leaks(runId, started)).toEqual([]);
    });

    test('exit 0 is success', async () => {
      const { exit } = await run(['true']);
      expect(exit).toEqual({ result: 'success', exitCode: 0 });
    });

    test('a non-zero exit is failure with its code', async () => {
      const { exit } = await run(['sh', '-c', 'exit 3']);
      expect(exit).toEqual({ result: 'failure', exitCode: 3 });
    });

    test('stdout and stderr lines arrive, each stream in order', async () => {
      const { stdout, stderr } = await run(['sh', '-c', 'for i in 1 2 3 4 5; do echo out$i; echo err$i >&2; done; printf tail']);
      expect(stdout).toEqual(['out1', 'out2', 'out3', 'out4', 'out5', 'tail']);
      expect(stderr).toEqual(['err1', 'err2', 'err3', 'err4', 'err5']);
    });

    test('env is honoured', async () => {
      const env = { GREETING: 'hello, world', CAESIUM_RUN_ID: runId, CAESIUM_OUTPUT_PREV_KEY: 'a=b c' };
      const { stdout } = await run(['sh', '-c', 'echo "$GREETING|$CAESIUM_RUN_ID|$CAESIUM_OUTPUT_PREV_KEY"'], { env });
      expect(stdout).toEqual([`hello, world|${runId}|a=b c`]);
    });

    test('workdir is honoured', async () => {
      const { stdout } = await run(['pwd'], { workdir: opts.workdir });
      expect(stdout).toEqual([opts.workdir]);
    });

    test('##caesium::output lines come through verbatim, from either stream', async () => {
      const out = '##caesium::output {"rows": 42, "name": "a b", "ok": true}';
      const err = 'note: ##caesium::output {"warned":"yes"}';
      const { stdout, stderr, exit } = await run(['sh', '-c', `echo '${out}'; echo '${err}' >&2`]);
      expect(exit.result).toBe('success');
      expect(stdout).toEqual([out]);
      expect(stderr).toEqual([err]);
    });

    test('logs read after the task ended still hold every line', async () => {
      const handle = await start(launch(['sh', '-c', 'echo one; echo two >&2; echo three']));
      expect((await handle.wait()).result).toBe('success');
      const lines = await collect(handle);
      expect(texts(lines, 'stdout')).toEqual(['one', 'three']);
      expect(texts(lines, 'stderr')).toEqual(['two']);
      await handle.remove();
    });

    test('aborting the signal stops a long-running task and everything it started', async () => {
      const controller = new AbortController();
      const handle = await start(launch(LONG), controller.signal);
      await firstLine(handle);
      const t0 = Date.now();
      controller.abort();
      const exit = await handle.wait();
      expect(['killed', 'terminated']).toContain(exit.result);
      expect(Date.now() - t0).toBeLessThan(10_000);
      await opts.gone?.(handle);
      await handle.remove();
    });

    test('stop() stops a long-running task and everything it started; twice is fine', async () => {
      const handle = await start(launch(LONG));
      await firstLine(handle);
      await Promise.all([handle.stop(), handle.stop()]);
      const exit = await handle.wait();
      expect(['killed', 'terminated']).toContain(exit.result);
      await handle.stop();
      await opts.gone?.(handle);
      await handle.remove();
    });

    test('a command that cannot start is a RuntimeError naming it', async () => {
      const error = await startFailure(launch(['/no/such/command', '--flag']));
      expect(error.message).toContain('/no/such/command');
    });

    if (opts.images) {
      test('a missing image is a RuntimeError naming it', async () => {
        const image = `caesium-test/no-such-image:${Date.now()}`;
        const error = await startFailure(launch(['true'], { image }));
        expect(error.message).toContain(image);
        expect(error.message).toContain('not present locally and could not be pulled');
      });
    } else {
      test('an image that exists nowhere is ignored: the command still runs', async () => {
        const { exit, stdout } = await run(['echo', 'ran'], { image: `caesium-test/no-such-image:${Date.now()}` });
        expect(exit.result).toBe('success');
        expect(stdout).toEqual(['ran']);
      });
    }

    test('an aborted signal rejects the start', async () => {
      const controller = new AbortController();
      controller.abort();
      runtime ??= await makeRuntime();
      await expect(runtime.start(launch(['true']), controller.signal)).rejects.toBeInstanceOf(RuntimeError);
    });

    test('remove() is idempotent, also while the task runs', async () => {
      const done = await start(launch(['true']));
      await done.wait();
      await done.remove();
      await done.remove();
      const running = await start(launch(LONG));
      await firstLine(running);
      await Promise.all([running.remove(), running.remove()]);
      expect(['killed', 'terminated']).toContain((await running.wait()).result);
      await running.remove();
      await opts.gone?.(running);
    });
  });
}

function texts(lines: LogLine[], stream: LogLine['stream']): string[] {
  return lines.filter((line) => line.stream === stream).map((line) => line.text);
}

/** Waits for the task's first log line (it is running by then). */
async function firstLine(handle: TaskHandle): Promise<void> {
  for await (const _line of handle.logs()) return;
}
