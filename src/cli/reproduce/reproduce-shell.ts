/**
 * `caesium run reproduce --shell`: an interactive shell where the task would
 * run, instead of its command. On `local`, the user's `$SHELL` (else
 * `/bin/sh`) with the task's env over PATH and HOME, in its working
 * directory. On docker/podman, `<engine> run --rm -i` (`-t` on a terminal)
 * of the task's image with its env, workdir and mounts and `/bin/sh` as the
 * entrypoint (and, as the runtime does, Podman's ulimits and the engine's
 * `CAESIUM_DOCKER_NETWORK`/`CAESIUM_PODMAN_NETWORK`). Secret values reach the container through the engine CLI's
 * environment (`-e NAME`), never its argument list. Resolves to the shell's
 * exit code.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import { CaesiumError } from '../../errors.js';
import { INHERITED_ENV, PODMAN_ULIMIT } from '../../runtime/index.js';
import { toMount } from '../../runtime/container/container-spec.js';
import type { MountSpec, StringMap } from '../../jobdef/types.js';
import type { Io } from '../io.js';
import type { ReproducedTask } from './reproduce-task.js';

/** Opens the shell with `env` (the task's env, secrets resolved) and waits for it to exit. */
export function openShell(task: ReproducedTask, env: StringMap, io: Io): Promise<number> {
  if (task.engine === 'local') {
    const inherited = Object.fromEntries(INHERITED_ENV.flatMap((name) => (io.env[name] === undefined ? [] : [[name, io.env[name]]])));
    const cwd = task.workdir === '' ? io.cwd : path.resolve(io.cwd, task.workdir);
    return run(io.env.SHELL ?? '/bin/sh', [], { ...inherited, ...env }, cwd);
  }
  const args = ['run', '--rm', '-i', ...(process.stdin.isTTY ? ['-t'] : []), '--label', 'caesium.reproduce=true'];
  // What the runtime gives its containers: Podman's explicit ulimits, the engine's network setting.
  if (task.engine === 'podman')
    args.push('--ulimit', `nofile=${PODMAN_ULIMIT}:${PODMAN_ULIMIT}`, '--ulimit', `nproc=${PODMAN_ULIMIT}:${PODMAN_ULIMIT}`);
  const network = io.env[task.engine === 'podman' ? 'CAESIUM_PODMAN_NETWORK' : 'CAESIUM_DOCKER_NETWORK']?.trim() ?? '';
  if (network !== '') args.push('--network', network);
  for (const name of Object.keys(env)) args.push('-e', name);
  if (task.workdir !== '') args.push('-w', task.workdir);
  for (const mount of task.mounts) args.push('--mount', mountFlag(mount));
  args.push('--entrypoint', '/bin/sh', task.image);
  return run(task.engine, args, { ...io.env, ...env }, io.cwd);
}

/** A step mount as a `--mount` value (the runtime's own reading of it: ../../runtime/container/container-spec.ts). */
function mountFlag(mount: MountSpec): string {
  const m = toMount(mount);
  const parts = [`type=${m.Type}`];
  if (m.Source !== undefined && m.Source !== '') parts.push(`source=${m.Source}`);
  parts.push(`target=${m.Target}`);
  if (m.ReadOnly === true) parts.push('readonly');
  return parts.join(',');
}

function run(file: string, args: string[], env: Record<string, string | undefined>, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, cwd, stdio: 'inherit' });
    // The shell owns the terminal: Ctrl-C reaches it, not us.
    const ignore = (): void => undefined;
    process.on('SIGINT', ignore);
    const done = (): void => void process.off('SIGINT', ignore);
    child.once('error', (error) => {
      done();
      reject(new CaesiumError('E_SHELL', `cannot start ${file}: ${error.message}`, { hint: `is ${file} installed and on PATH?` }));
    });
    child.once('exit', (code, signal) => {
      done();
      resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
    });
  });
}
