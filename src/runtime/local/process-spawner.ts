/**
 * Where a `local` task's host process is started. The in-process spawner
 * forks from this process; the spawn broker (spawn-broker.ts) runs the same
 * code in a small separate process, so a big server's event loop is not
 * blocked by fork(), whose cost grows with the forking process's memory.
 *
 * Imports only node builtins, native-spawn.ts, supervise-group.ts and
 * process-group.ts: the broker loads it.
 */
import { spawn } from 'node:child_process';
import { NativeSpawnError, nativeSpawner } from './native-spawn.js';
import { superviseGroup } from './supervise-group.js';

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
  /** The process exited and its output was drained (or two seconds passed); its group was killed. */
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
      const group = superviseGroup(child.pid!, child.stdout, child.stderr, sink);
      child.once('exit', (code, signal) => group.exited(code, signal));
      resolve(group.process);
    });
  });
}
