/** Whether this server is one of many (its store has `cluster`), and the node it then is. */
import { hostname } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../store/ports/store.js';
import { packageRoot } from '../../jobdef/job-schema.js';
import type { ServerConfig } from '../config.js';
import { ClusterNode } from './cluster-node.js';
import { clusterSettingsFromEnv } from './cluster-settings.js';

/**
 * The cluster node of a server on a shared database, or undefined for one server alone. Its address is
 * `CAESIUM_NODE_ADDRESS`, else `host:port` (with `CAESIUM_PORT=0`, the host name and process id).
 */
export function clusterNodeFor(
  store: Store,
  config: Pick<ServerConfig, 'nodeAddress' | 'host' | 'port' | 'maxActiveRuns'>,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): ClusterNode | undefined {
  if (store.cluster === undefined) return undefined;
  const settings = clusterSettingsFromEnv(env);
  const address = config.nodeAddress ?? (config.port === 0 ? `${hostname()}-${process.pid}` : `${config.host}:${config.port}`);
  return new ClusterNode({
    cluster: store.cluster,
    store,
    settings,
    info: { address, labels: settings.labels, capacity: config.maxActiveRuns, version: caesiumVersion() },
    log,
  });
}

let version: string | undefined;

/** The `version` of caesium's package.json (read once). */
export function caesiumVersion(): string {
  return (version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version);
}
