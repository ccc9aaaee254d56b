import { randomUUID } from 'node:crypto';
import { INSTANCE_LABEL, startContainerWatchdog, type ContainerWatchdog } from './container-watchdog.js';
import { RuntimeError } from '../../engine/ports/runtime.js';
import type { Runtime, TaskHandle, TaskLaunch } from '../../engine/ports/runtime.js';
import { containerSpec, MANAGED_LABEL } from './container-spec.js';
import type { ContainerSettings } from './container-spec.js';
import { ContainerTask } from './container-task.js';
import type { EngineEndpoint } from './engine-endpoint.js';
import { idempotent, isUnreachable, messageOf, unreachableError } from './engine-error.js';
import { checkImage, ensureImage } from './image.js';
import type { ImageCheck } from './image.js';
import { imageDigest } from './image-digest.js';

/** A runtime over a Docker-compatible API (Docker, or Podman's service), with its housekeeping helpers. */
export interface ContainerRuntime extends Runtime {
  readonly engine: 'docker' | 'podman';
  /** The engine's address, for messages. */
  readonly url: string;
  /** Force-removes every container labelled `caesium.managed=true` of run `runId` (all runs when undefined); returns how many. */
  removeRunContainers(runId: string | undefined): Promise<number>;
  /** Whether `image` is present locally (never pulls). */
  checkImage(image: string): Promise<ImageCheck>;
  /** The local image's digest: a `RepoDigests` entry, else its id; undefined when not present (never pulls). */
  imageDigest(image: string): Promise<string | undefined>;
}

export interface ContainerRuntimeOptions extends ContainerSettings {
  engine: 'docker' | 'podman';
  endpoint: EngineEndpoint;
  /** Also look for `localhost/<image>` (Podman names imported and built images so). */
  localhostFallback: boolean;
  /** Label containers with this runtime's instance and have a watchdog remove them when this process dies (the server). */
  watchdog?: boolean;
}

/**
 * Creates the runtime; dockerode is imported here, lazily, so that commands
 * which never start a container do not pay for it. Nothing is dialled until
 * the first call: an unreachable engine fails `start()` with a `RuntimeError`
 * of type `engine_unavailable`.
 */
export async function createContainerRuntime(options: ContainerRuntimeOptions): Promise<ContainerRuntime> {
  const { default: Docker } = await import('dockerode');
  const { endpoint, engine } = options;
  const docker = new Docker({
    socketPath: endpoint.socketPath,
    host: endpoint.host,
    port: endpoint.port,
    protocol: endpoint.protocol,
    ca: endpoint.ca,
    cert: endpoint.cert,
    key: endpoint.key,
  });
  const translate = (error: unknown, task: TaskLaunch): RuntimeError => {
    if (error instanceof RuntimeError) return error;
    if (isUnreachable(error)) return unreachableError(engine, endpoint.url, error);
    const command = task.command === undefined ? 'the image entrypoint' : `command ${JSON.stringify(task.command)}`;
    return new RuntimeError(
      'startup_failure',
      `cannot start step "${task.stepName}" (image ${task.image}, ${command}) on ${engine}: ${messageOf(error)}`,
      { retryable: false, cause: error },
    );
  };

  const instance = randomUUID();
  let watchdog: ContainerWatchdog | undefined;
  const labelled = (task: TaskLaunch): TaskLaunch => {
    if (options.watchdog !== true) return task;
    watchdog ??= startContainerWatchdog(endpoint, instance);
    return { ...task, labels: { ...task.labels, [INSTANCE_LABEL]: instance } };
  };

  return {
    engine,
    url: endpoint.url,
    async start(task: TaskLaunch, signal: AbortSignal): Promise<TaskHandle> {
      let handle: ContainerTask | undefined;
      try {
        throwIfCancelled(task, signal);
        const image = await ensureImage(docker, task.image, options.localhostFallback, signal);
        throwIfCancelled(task, signal);
        const container = await docker.createContainer(containerSpec(labelled(task), image, options));
        handle = new ContainerTask(container);
        throwIfCancelled(task, signal);
        await container.start();
        handle.follow();
      } catch (error) {
        await handle?.remove().catch(() => undefined);
        throw signal.aborted ? cancelledError(task) : translate(error, task);
      }
      const started = handle;
      const onAbort = (): void => void started.stop().catch(() => undefined);
      signal.addEventListener('abort', onAbort, { once: true });
      void started.wait().finally(() => signal.removeEventListener('abort', onAbort));
      if (signal.aborted) onAbort();
      return started;
    },
    async removeRunContainers(runId: string | undefined): Promise<number> {
      const label = [`${MANAGED_LABEL}=true`, ...(runId === undefined ? [] : [`caesium.run-id=${runId}`])];
      try {
        const found = await docker.listContainers({ all: true, filters: { label } });
        await Promise.all(found.map((info) => idempotent(() => docker.getContainer(info.Id).remove({ force: true, v: true }))));
        return found.length;
      } catch (error) {
        throw isUnreachable(error) ? unreachableError(engine, endpoint.url, error) : error;
      }
    },
    checkImage: (image) => checkImage(docker, image, options.localhostFallback),
    async imageDigest(image: string): Promise<string | undefined> {
      try {
        return await imageDigest(docker, image, options.localhostFallback);
      } catch (error) {
        throw isUnreachable(error) ? unreachableError(engine, endpoint.url, error) : error;
      }
    },
    close(): Promise<void> {
      watchdog?.close();
      return Promise.resolve();
    },
  };
}

function throwIfCancelled(task: TaskLaunch, signal: AbortSignal): void {
  if (signal.aborted) throw cancelledError(task);
}

function cancelledError(task: TaskLaunch): RuntimeError {
  return new RuntimeError('cancelled', `step "${task.stepName}" was cancelled before it started`, { retryable: false });
}
