import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type Dockerode from 'dockerode';
import type { TaskLaunch } from '../../engine/ports/runtime.js';
import type { MountSpec, StringMap } from '../../jobdef/types.js';

/** The label every container caesium creates carries; cleanup selects on it. */
export const MANAGED_LABEL = 'caesium.managed';

/** How an engine's containers differ from Docker's defaults. */
export interface ContainerSettings {
  /** `HostConfig.NetworkMode`; undefined keeps the engine's default. */
  network: string | undefined;
  /** Explicit `nofile`/`nproc` limits (rootful Podman in a container cannot inherit the host's). */
  ulimits: number | undefined;
}

/** The labels identifying a task's container: the engine's own, then ours (ours win). */
export function containerLabels(task: TaskLaunch): StringMap {
  return {
    ...task.labels,
    'caesium.run-id': task.runId,
    'caesium.task-run-id': task.taskRunId,
    'caesium.job': task.jobAlias,
    'caesium.step': task.stepName,
    'caesium.attempt': String(task.attempt),
    [MANAGED_LABEL]: 'true',
  };
}

/** The create request for one task attempt: no TTY, no stdin, logs multiplexed. */
export function containerSpec(task: TaskLaunch, image: string, settings: ContainerSettings): Dockerode.ContainerCreateOptions {
  const hostConfig: Dockerode.HostConfig = { Mounts: task.mounts.map(toMount) };
  if (settings.network !== undefined) hostConfig.NetworkMode = settings.network;
  const limit = settings.ulimits;
  if (limit !== undefined) hostConfig.Ulimits = ['nofile', 'nproc'].map((Name) => ({ Name, Soft: limit, Hard: limit }));
  return {
    name: containerName(task),
    Image: image,
    Cmd: task.command,
    Env: Object.entries(task.env).map(([key, value]) => `${key}=${value}`),
    WorkingDir: task.workdir === '' ? undefined : task.workdir,
    Labels: containerLabels(task),
    Tty: false,
    OpenStdin: false,
    AttachStdin: false,
    HostConfig: hostConfig,
  };
}

/**
 * A step mount as an engine mount. Without `type`: a path-like source
 * (`/…`, `./…`, `../…`) is a bind mount, another source a named volume, no
 * source an anonymous volume. Relative bind sources resolve against the
 * current directory.
 */
export function toMount(mount: MountSpec): Dockerode.MountSettings {
  const source = mount.source ?? '';
  const type = mount.type ?? (/^\.{0,2}\//.test(source) ? 'bind' : 'volume');
  if (type !== 'bind' && type !== 'volume' && type !== 'tmpfs') {
    throw new Error(`mount type "${type}" at ${mount.target} is not one of bind, volume, tmpfs`);
  }
  return {
    Type: type,
    Source: type === 'bind' ? path.resolve(source) : type === 'tmpfs' ? '' : source,
    Target: mount.target,
    ReadOnly: mount.readOnly === true,
  };
}

/** `caesium-<job>-<step>-<random>`: readable in `docker ps`, unique across retries and reruns. */
export function containerName(task: TaskLaunch): string {
  return ['caesium', slug(task.jobAlias), slug(task.stepName), randomBytes(4).toString('hex')].filter((part) => part !== '').join('-');
}

function slug(text: string): string {
  return text
    .replace(/[^a-zA-Z0-9_.-]+/g, '-')
    .replace(/^[^a-zA-Z0-9]+/, '')
    .slice(0, 40);
}
