/**
 * Three (or more) `caesium server` processes on one fresh PostgreSQL database,
 * with short leases so a dead node's runs move within a few seconds, and the
 * small REST helpers the cluster suites share.
 */
import type { Json } from '../../server/support/in-process.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from '../../server/support/server-process.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';

/** A JSON request; the status and the parsed body (undefined when empty). */
export async function json(url: string, init?: RequestInit): Promise<{ status: number; body: Json }> {
  const res = await fetch(url, { ...init, headers: init?.body === undefined ? {} : { 'content-type': 'application/json' } });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** Polls until `fn` returns a value (at most 60 s; the suite's own timeout bounds it sooner). */
export async function until<T>(fn: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const value = await Promise.resolve()
      .then(fn)
      .catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Nodes on one database; `restart(i)` starts node i again with the same address. */
export interface Cluster {
  nodes: ServerProcess[];
  database: TestDatabase;
  /** The environment node `address` starts with. */
  env(address: string): Record<string, string>;
  /** Starts node `i` again (after it stopped or was killed). */
  restart(i: number): Promise<ServerProcess>;
  /** Kills every node, drops the database; throws when a process is left. */
  close(): Promise<void>;
}

/** Starts `count` nodes (`node-a`, `node-b`, …) with `extra` in their environment. */
export async function startCluster(extra: Record<string, string> = {}, count = 3): Promise<Cluster> {
  const database = await freshDatabase();
  const addresses = Array.from({ length: count }, (_, i) => `node-${String.fromCharCode(97 + i)}`);
  const env = (address: string): Record<string, string> => ({
    CAESIUM_DATABASE_TYPE: 'postgres',
    CAESIUM_DATABASE_DSN: database.dsn,
    CAESIUM_NODE_ADDRESS: address,
    CAESIUM_WORKER_LEASE_TTL: '4s',
    CAESIUM_WORKER_RECLAIM_INTERVAL: '1s',
    CAESIUM_NODE_LABELS: `zone=${address.slice(-1)}`,
    ...extra,
  });
  const nodes = await Promise.all(addresses.map((a) => spawnServer(env(a))));
  return {
    nodes,
    database,
    env,
    restart: async (i) => (nodes[i] = await spawnServer(env(addresses[i]!))),
    close: async () => {
      for (const node of nodes) node.child.kill('SIGCONT');
      await killAll();
      await database.drop();
      if (liveServers() !== 0) throw new Error(`${liveServers()} server process(es) left`);
    },
  };
}
