import { stat } from 'node:fs/promises';
import path from 'node:path';
import { RuntimeError } from '../../engine/ports/runtime.js';
import type { Runtime, TaskHandle, TaskLaunch } from '../../engine/ports/runtime.js';
import type { StringMap } from '../../jobdef/types.js';
import { LocalTask } from './local-task.js';
import { inProcessSpawner, SpawnFailure, type ProcessSpawner } from './process-spawner.js';

/** Variables a local task inherits from the caller's environment (unless its own env sets them). */
export const INHERITED_ENV = ['PATH', 'HOME'] as const;

export interface LocalRuntimeOptions {
  /** Environment PATH and HOME are taken from; default `process.env`. */
  parentEnv?: Record<string, string | undefined>;
  /** Time between SIGTERM and SIGKILL when stopping, in ms; default 2000. */
  killGraceMs?: number;
  /** Where task processes are forked; default this process. The server passes the spawn broker. */
  spawner?: ProcessSpawner;
}

/**
 * The `local` engine: runs a step's `command` as a host process, argv as
 * given (no shell). Its environment is exactly the task's env plus PATH and
 * HOME of the parent; its working directory is `workdir` (relative to the
 * current directory) or the current directory. `image` and `mounts` do not
 * apply. The process leads its own process group; stopping it or aborting
 * `signal` ends the whole group. Closing the runtime closes its spawner.
 */
export function createLocalRuntime(options: LocalRuntimeOptions = {}): Runtime {
  const parentEnv = options.parentEnv ?? process.env;
  const killGraceMs = options.killGraceMs ?? 2_000;
  const spawner = options.spawner ?? inProcessSpawner;
  return {
    engine: 'local',
    async start(task: TaskLaunch, signal: AbortSignal): Promise<TaskHandle> {
      const [file, ...args] = task.command ?? [];
      if (file === undefined || file === '') {
        throw new RuntimeError(
          'startup_failure',
          `step "${task.stepName}" has no command: the local engine runs a step's command on the host and has no image entrypoint to fall back on`,
          { retryable: false },
        );
      }
      if (signal.aborted) throw cancelled(task);
      const cwd = await workingDirectory(task.workdir);
      const handle = new LocalTask(killGraceMs);
      try {
        handle.attach(await spawner.spawn({ file, args, cwd, env: localEnv(task.env, parentEnv) }, handle));
      } catch (error) {
        throw error instanceof SpawnFailure ? spawnError(file, error) : error;
      }
      const onAbort = (): void => void handle.stop();
      signal.addEventListener('abort', onAbort, { once: true });
      void handle.wait().finally(() => signal.removeEventListener('abort', onAbort));
      if (signal.aborted) onAbort();
      return handle;
    },
    async close() {
      await spawner.close?.();
    },
  };
}

/** The task's env over PATH and HOME of `parentEnv`. */
function localEnv(env: StringMap, parentEnv: Record<string, string | undefined>): StringMap {
  const result: StringMap = {};
  for (const name of INHERITED_ENV) {
    const value = parentEnv[name];
    if (value !== undefined) result[name] = value;
  }
  return { ...result, ...env };
}

async function workingDirectory(workdir: string): Promise<string> {
  if (workdir === '') return process.cwd();
  const resolved = path.resolve(workdir);
  const info = await stat(resolved).catch(() => undefined);
  if (info?.isDirectory() !== true) {
    throw new RuntimeError('startup_failure', `workdir ${resolved} does not exist or is not a directory`, { retryable: false });
  }
  return resolved;
}

function spawnError(file: string, error: SpawnFailure): RuntimeError {
  const reason = error.code === 'ENOENT' ? 'command not found' : error.code === 'EACCES' ? 'permission denied' : error.message;
  return new RuntimeError('startup_failure', `cannot start command "${file}": ${reason}`, { retryable: false, cause: error });
}

function cancelled(task: TaskLaunch): RuntimeError {
  return new RuntimeError('cancelled', `step "${task.stepName}" was cancelled before it started`, { retryable: false });
}
