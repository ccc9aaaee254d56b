/**
 * The server's containers go when the server goes, however it goes: a
 * container engine keeps a container running after its client died, so a
 * server killed with SIGKILL would leave its tasks' containers running until
 * its next start. Each container runtime of a server labels its containers
 * `caesium.instance=<random id>` and starts a small watchdog process
 * (container-watchdog-main.ts) on its first container; the watchdog holds an
 * IPC channel to the server, and when the channel closes it force-removes
 * the containers with that label. The watchdog is detached (a Ctrl-C to the
 * server's group is the server's to handle) and does not keep the server alive.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EngineEndpoint } from './engine-endpoint.js';

/** The label naming the server (runtime instance) a container belongs to. */
export const INSTANCE_LABEL = 'caesium.instance';

/** A started watchdog; `close` lets it go (it then removes what is left and exits). */
export interface ContainerWatchdog {
  close(): void;
}

/**
 * Starts the watchdog of the containers labelled `INSTANCE_LABEL=instance` on `endpoint`.
 * Undefined when its script is not there (the sources run without a build, as in unit tests).
 */
export function startContainerWatchdog(endpoint: EngineEndpoint, instance: string, script?: string | URL): ContainerWatchdog | undefined {
  const entry = script ?? new URL('./container-watchdog-main.js', import.meta.url);
  if (!existsSync(typeof entry === 'string' ? entry : fileURLToPath(entry))) return undefined;
  const encode = (value: Buffer | undefined): string | undefined => value?.toString('base64');
  const { socketPath, host, port, protocol } = endpoint;
  const child: ChildProcess = fork(entry, [], {
    detached: true,
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      CAESIUM_WATCHDOG_ENDPOINT: JSON.stringify({
        socketPath,
        host,
        port,
        protocol,
        ca: encode(endpoint.ca),
        cert: encode(endpoint.cert),
        key: encode(endpoint.key),
      }),
      CAESIUM_WATCHDOG_LABEL: `${INSTANCE_LABEL}=${instance}`,
    },
  });
  child.on('error', () => undefined);
  child.unref();
  child.channel?.unref();
  return {
    close() {
      if (child.connected) child.disconnect();
    },
  };
}
