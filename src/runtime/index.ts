/**
 * The runtime room's entry: one `Runtime` per engine behind a registry.
 * Adapters live by kind: `local/` (host processes, the spawn broker),
 * `container/` (Docker and Podman over the Docker API) and `kubernetes/`;
 * what they share (log channel, line splitter, exit results) and the sweep
 * of a run's leftovers stay at this level.
 */
import type { Runtime } from '../engine/ports/runtime.js';
import type { Engine } from '../jobdef/types.js';
import type { ContainerRuntime } from './container/container-runtime.js';
import { createDockerRuntime } from './container/docker.js';
import type { ImageCheck } from './container/image.js';
import { createKubernetesRuntime } from './kubernetes/kubernetes.js';
import { createLocalRuntime } from './local/local.js';
import { createPodmanRuntime } from './container/podman.js';
import { createSpawnBroker } from './local/spawn-broker.js';
import { Releases } from '../releases.js';
import { sweepRun, type RunSweep, type SweepOptions } from './sweep-run.js';
import { SecretResolver } from './secrets/resolver.js';
import { secretSettingsFromEnv } from './secrets/secret-config.js';
import { withSecrets } from './secrets/secret-runtime.js';

export type { ContainerRuntime } from './container/container-runtime.js';
export type { ImageCheck } from './container/image.js';
export type { LocalRuntimeOptions } from './local/local.js';
export type { ProcessSpawner } from './local/process-spawner.js';
export type { SpawnBrokerOptions } from './local/spawn-broker.js';
export { createSpawnBroker } from './local/spawn-broker.js';
export { createDockerRuntime } from './container/docker.js';
export { createPodmanRuntime, PODMAN_ULIMIT } from './container/podman.js';
export { createKubernetesRuntime, KUBERNETES_UNSUPPORTED } from './kubernetes/kubernetes.js';
export { createLocalRuntime, INHERITED_ENV } from './local/local.js';
export { dockerEndpoint, podmanEndpoint } from './container/engine-endpoint.js';
export { MANAGED_LABEL, containerLabels } from './container/container-spec.js';
export type { RunSweep, SweepOptions } from './sweep-run.js';

type Env = Record<string, string | undefined>;

export interface RuntimeRegistryOptions {
  /**
   * Where `local` tasks are forked: `in-process` (default, `caesium dev`) or `broker`, a small
   * process started on the first local task (the server, whose size makes its own fork() slow).
   */
  localSpawner?: 'in-process' | 'broker';
  /**
   * Label containers with this registry's instance and start a watchdog that removes them when this
   * process dies (the server: container-watchdog.ts); default off.
   */
  containerWatchdog?: boolean;
  /** Where `secret://env/NAME` is looked up (`caesium dev --env-file` values over the environment); default the registry's env. */
  secretEnv?: Env;
}

/** One runtime per engine, created on first use, released together. */
export interface RuntimeRegistry {
  /** The runtime for `engine`; with `CAESIUM_PODMAN=true`, `docker` steps get the Podman runtime. */
  get(engine: Engine): Promise<Runtime>;
  /**
   * Force-removes the containers of run `runId` on every container engine used so far (for SIGINT/SIGTERM); returns how many.
   * Tries every engine; rejects with the first failure when one fails.
   */
  removeRunContainers(runId: string): Promise<number>;
  /** Kills the run's leftover local process groups and removes its containers (see sweep-run.ts); never rejects. */
  sweepRun(runId: string, options?: SweepOptions): Promise<RunSweep>;
  /** Whether `image` is present for `engine` (`caesium test --check-images`); `local` and `kubernetes` report present. */
  checkImage(engine: Engine, image: string): Promise<ImageCheck>;
  /** Releases every runtime created, in reverse order of creation, once. */
  closeAll(): Promise<void>;
}

/**
 * The registry over `env` (`process.env` by default); nothing is created or dialled until `get`.
 * Every runtime resolves `secret://` env values when a task is created and masks them in its logs.
 */
export function createRuntimes(env: Env = process.env, options: RuntimeRegistryOptions = {}): RuntimeRegistry {
  const created = new Map<Engine, Promise<Runtime>>();
  const secrets = new SecretResolver(secretSettingsFromEnv(env, options.secretEnv));
  const usePodman = parseBool(env.CAESIUM_PODMAN);
  const resolve = (engine: Engine): Engine => (engine === 'docker' && usePodman ? 'podman' : engine);
  const make = (engine: Engine): Promise<Runtime> => {
    switch (engine) {
      case 'local':
        return Promise.resolve(
          createLocalRuntime({ parentEnv: env, ...(options.localSpawner === 'broker' ? { spawner: createSpawnBroker() } : {}) }),
        );
      case 'docker':
        return createDockerRuntime(env, { watchdog: options.containerWatchdog === true });
      case 'podman':
        return createPodmanRuntime(env, { watchdog: options.containerWatchdog === true });
      case 'kubernetes':
        return Promise.resolve(createKubernetesRuntime());
    }
  };
  const get = (engine: Engine): Promise<Runtime> => {
    const key = resolve(engine);
    let runtime = created.get(key);
    if (runtime === undefined) {
      runtime = Promise.resolve()
        .then(() => make(key))
        .then((made) => withSecrets(made, secrets));
      created.set(key, runtime);
    }
    return runtime;
  };
  const containerRuntimes = async (): Promise<ContainerRuntime[]> => {
    const settled = await Promise.allSettled(created.values());
    return settled.flatMap((s) => (s.status === 'fulfilled' && isContainerRuntime(s.value) ? [s.value] : []));
  };
  const removeRunContainers = async (runId: string): Promise<number> => {
    const settled = await Promise.allSettled((await containerRuntimes()).map((runtime) => runtime.removeRunContainers(runId)));
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    return settled.reduce((sum, s) => sum + (s.status === 'fulfilled' ? s.value : 0), 0);
  };
  return {
    get,
    removeRunContainers,
    sweepRun: (runId, sweep) => sweepRun({ get, removeRunContainers }, runId, sweep),
    async checkImage(engine, image) {
      const runtime = await get(engine);
      return isContainerRuntime(runtime) ? runtime.checkImage(image) : { image, status: 'present' };
    },
    closeAll() {
      const releases = new Releases();
      for (const pending of created.values()) releases.defer(async () => (await pending.catch(() => undefined))?.close?.());
      created.clear();
      return releases.releaseAll();
    },
  };
}

function isContainerRuntime(runtime: Runtime): runtime is ContainerRuntime {
  return 'removeRunContainers' in runtime;
}

/** Go's ParseBool truth values; anything else is false. */
function parseBool(value: string | undefined): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value?.trim() ?? '');
}
export { SecretResolver, type SecretResult } from './secrets/resolver.js';
export { secretSettingsFromEnv, type SecretSettings } from './secrets/secret-config.js';
export { parseSecretReference } from './secrets/reference.js';
