import { createContainerRuntime } from './container-runtime.js';
import type { ContainerRuntime, ContainerRuntimeOptions } from './container-runtime.js';
import { nonEmpty, podmanEndpoint } from './engine-endpoint.js';

type Env = Record<string, string | undefined>;

/** `nofile` and `nproc` for Podman containers (root Podman inside a container cannot raise its own). */
export const PODMAN_ULIMIT = 1024;

/**
 * The `podman` engine, through Podman's Docker-compatible API service
 * (`podman system service`). Socket: see `podmanEndpoint`. Containers get
 * explicit ulimits; an image name that is not found is also looked up as
 * `localhost/<name>`. Network: `CAESIUM_PODMAN_NETWORK`, else Podman's default.
 */
export function createPodmanRuntime(
  env: Env = process.env,
  extra: Pick<ContainerRuntimeOptions, 'watchdog'> = {},
): Promise<ContainerRuntime> {
  return createContainerRuntime({
    engine: 'podman',
    endpoint: podmanEndpoint(env),
    network: nonEmpty(env.CAESIUM_PODMAN_NETWORK),
    ulimits: PODMAN_ULIMIT,
    localhostFallback: true,
    ...extra,
  });
}
