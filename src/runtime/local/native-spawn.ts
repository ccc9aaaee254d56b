/**
 * Starting local tasks through caesium's native spawner (native/spawn/, built by
 * `npm run build` with node-gyp): posix_spawn, which does not copy the parent's
 * memory as child_process's fork does, so a task starts as fast in a big server
 * as in a small CLI (docs/performance.md). The process is set up as
 * `spawnProcess` sets it up: detached into its own session and group, stdin
 * from /dev/null, stdout and stderr piped, and supervised by the same code
 * (supervise-group.ts): its group is killed when it exits.
 *
 * When the module is not built or cannot load (another platform, no compiler
 * at build time), or `CAESIUM_NATIVE_SPAWN=0`, `nativeSpawner()` answers
 * undefined and child_process is used. Imports only node builtins and
 * supervise-group.ts: the spawn broker loads it.
 */
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcessSink, SpawnedProcess, SpawnRequest } from './process-spawner.js';
import { superviseGroup } from './supervise-group.js';

interface NativeModule {
  spawn(file: string, argv: string[], cwd: string, env: string[]): [pid: number, stdoutFd: number, stderrFd: number];
  wait(pid: number, callback: (code: number, signal: number) => void): void;
}

/** Why the native spawner could not start a process: `code` as child_process reports it (ENOENT, EACCES…). */
export class NativeSpawnError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'NativeSpawnError';
  }
}

let loaded: NativeModule | null | undefined;

/** The built module beside the package root (from dist/src/runtime/local or src/runtime/local), or null. */
function load(): NativeModule | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  if (process.platform !== 'linux' || process.env.CAESIUM_NATIVE_SPAWN === '0') return loaded;
  const require = createRequire(import.meta.url);
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../../..', '../../..']) {
    const file = path.join(here, up, 'native/spawn/build/Release/caesium_spawn.node');
    try {
      loaded = require(file) as NativeModule;
      break;
    } catch {
      // not built there: try the next place, then fall back to child_process
    }
  }
  return loaded;
}

/** Whether local tasks are started by the native spawner in this process. */
export function nativeSpawnAvailable(): boolean {
  return load() !== null;
}

const signalNames = new Map<number, NodeJS.Signals>(
  Object.entries(osConstants.signals).map(([name, number]) => [number, name as NodeJS.Signals]),
);

function isExecutable(file: string): 'yes' | 'no-permission' | 'missing' {
  try {
    if (!statSync(file).isFile()) return 'missing';
  } catch {
    return 'missing';
  }
  try {
    accessSync(file, fsConstants.X_OK);
    return 'yes';
  } catch {
    return 'no-permission';
  }
}

/** `file` as execvp finds it: a path as given (against `cwd`), else the first executable on the task's PATH. */
function resolveFile(file: string, cwd: string, env: Record<string, string>): string {
  if (file.includes('/')) return path.resolve(cwd, file);
  let denied = false;
  for (const dir of (env.PATH ?? '/bin:/usr/bin').split(':')) {
    const candidate = path.resolve(cwd, dir === '' ? '.' : dir, file);
    const found = isExecutable(candidate);
    if (found === 'yes') return candidate;
    if (found === 'no-permission') denied = true;
  }
  throw denied ? new NativeSpawnError('EACCES', `spawn ${file} EACCES`) : new NativeSpawnError('ENOENT', `spawn ${file} ENOENT`);
}

/** The native spawn function, or undefined when the module is not available. */
export function nativeSpawner(): ((request: SpawnRequest, sink: ProcessSink) => Promise<SpawnedProcess>) | undefined {
  const native = load();
  if (native === null) return undefined;
  return (request, sink) => Promise.resolve().then(() => start(native, request, sink));
}

function start(native: NativeModule, request: SpawnRequest, sink: ProcessSink): SpawnedProcess {
  const file = resolveFile(request.file, request.cwd, request.env);
  const env = Object.entries(request.env).map(([name, value]) => `${name}=${value}`);
  let started: [number, number, number];
  try {
    started = native.spawn(file, [request.file, ...request.args], request.cwd, env);
  } catch (error) {
    const e = error as Error & { code?: string };
    throw new NativeSpawnError(e.code, e.message);
  }
  const [pid, stdoutFd, stderrFd] = started;
  const pipe = (fd: number): Socket => new Socket({ fd, readable: true, writable: false });
  const group = superviseGroup(pid, pipe(stdoutFd), pipe(stderrFd), sink);
  native.wait(pid, (code, signal) =>
    group.exited(signal === 0 ? code : null, signal === 0 ? null : (signalNames.get(signal) ?? 'SIGKILL')),
  );
  return group.process;
}
