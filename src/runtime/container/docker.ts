import { createContainerRuntime } from './container-runtime.js';
import type { ContainerRuntime, ContainerRuntimeOptions } from './container-runtime.js';
import { dockerEndpoint, nonEmpty } from './engine-endpoint.js';

type Env = Record<string, string | undefined>;

/**
 * The `docker` engine. Address: `CAESIUM_DOCKER_HOST`, else `DOCKER_HOST`
 * (`unix://…` or `tcp://…`), else `/var/run/docker.sock`. Network:
 * `CAESIUM_DOCKER_NETWORK` (e.g. `none`, `host`, a user network), else the
 * daemon's default, which also works on a daemon started with `--bridge=none`
 * (the container then has loopback only).
 */
export function createDockerRuntime(
  env: Env = process.env,
  extra: Pick<ContainerRuntimeOptions, 'watchdog'> = {},
): Promise<ContainerRuntime> {
  return createContainerRuntime({
    engine: 'docker',
    endpoint: dockerEndpoint(env),
    network: nonEmpty(env.CAESIUM_DOCKER_NETWORK),
    ulimits: undefined,
    localhostFallback: false,
    ...extra,
  });
}
