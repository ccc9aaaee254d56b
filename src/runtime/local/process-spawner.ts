/**
 * Where a `local` task's host process is started. The in-process spawner
 * forks from this process; the spawn broker (spawn-broker.ts) runs the same
 * code in a small separate process, so a big server's event loop is not
 * blocked by fork(), whose cost grows with the forking process's memory.
 *
 * Imports only node builtins and process-group.ts: the broker loads it.
 */
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { NativeSpawnError, nativeSpawner } from './native-spawn.js';
import { signalGroup } from './process-group.js';

/** How long to wait for output still buffered in pipes after the process has exited. */
const DRAIN_MS = 2_000;

export type OutputStream = 'stdout' | 'stderr';

export interface SpawnRequest {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** What a spawned process reports, in order: output (decoded UTF-8 text, any split), then its exit once. */
export interface ProcessSink {
  output(stream: OutputStream, text: string): void;
  /** The process exited and its output was drained (or `DRAIN_MS` passed); its group was killed. */
  exit(code: number | null, signal: NodeJS.Signals | null): void;
}

export interface SpawnedProcess {
  readonly pid: number;
  /** SIGTERM to the process group, SIGKILL after `graceMs` if it is still there; nothing once it exited. */
  stop(graceMs: number): void;
}

/** Why a process could not be started: the spawn error's `code` (ENOENT, EACCES…) and message. */
export class SpawnFailure extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'SpawnFailure';
  }
}

/** Starts host processes: argv as given (no shell), leading their own process group. */
export interface ProcessSpawner {
  /** Resolves once the process is running; rejects with a `SpawnFailure` when it cannot start. */
  spawn(request: SpawnRequest, sink: ProcessSink): Promise<SpawnedProcess>;
  /** Releases what the spawner holds; the broker process stops the tasks still running as it goes. */
  close?(): Promise<void>;
}

const native = nativeSpawner();

/**
 * The spawner that starts tasks from this process: the native spawner when it is built
 * (native-spawn.ts), else child_process.
 */
export const inProcessSpawner: ProcessSpawner = {
  spawn: native === undefined ? spawnProcess : (request, sink) => native(request, sink).catch(nativeFailure),
};

/** Which way `inProcessSpawner` starts processes in this process. */
export const inProcessSpawnerKind: 'native' | 'child_process' = native === undefined ? 'child_process' : 'native';

function nativeFailure(error: unknown): never {
  throw error instanceof NativeSpawnError ? new SpawnFailure(error.code, error.message) : error;
}

/**
 * Spawns `request` detached, with stdout and stderr piped to `sink`. When the
 * process exits, whatever it left running in its group is killed, as a
 * container's processes die with it.
 */
export function spawnProcess(request: SpawnRequest, sink: ProcessSink): Promise<SpawnedProcess> {
  const child = spawn(request.file, request.args, {
    cwd: request.cwd,
    env: request.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => reject(new SpawnFailure(error.code, error.message)));
    child.once('spawn', () => {
      const pid = child.pid!;
      let exited = false;
      let finished = false;
      let killTimer: NodeJS.Timeout | undefined;
      let streamsOpen = 2;
      let onDrained: (() => void) | undefined;
      const pipe = (stream: NodeJS.ReadableStream & { destroy(): void }, name: OutputStream): void => {
        const decoder = new StringDecoder('utf8');
        stream.on('data', (chunk: Buffer) => {
          const text = decoder.write(chunk);
          if (text !== '' && !finished) sink.output(name, text);
        });
        stream.once('close', () => {
          const rest = decoder.end();
          if (rest !== '' && !finished) sink.output(name, rest);
          streamsOpen -= 1;
          if (streamsOpen === 0) onDrained?.();
        });
        // A grandchild that left the group may hold the pipe open: 'close' then comes only after destroy().
        stream.on('error', () => undefined);
      };
      pipe(child.stdout, 'stdout');
      pipe(child.stderr, 'stderr');
      child.once('exit', (code, signal) => {
        exited = true;
        clearTimeout(killTimer);
        signalGroup(pid, 'SIGKILL');
        const finish = (): void => {
          finished = true;
          clearTimeout(late);
          onDrained = undefined;
          child.stdout?.destroy();
          child.stderr?.destroy();
          sink.exit(code, signal);
        };
        const late = setTimeout(finish, DRAIN_MS);
        if (streamsOpen === 0) finish();
        else onDrained = finish;
      });
      resolve({
        pid,
        stop(graceMs) {
          if (exited || killTimer !== undefined) return;
          if (signalGroup(pid, 'SIGTERM')) killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
        },
      });
    });
  });
}
