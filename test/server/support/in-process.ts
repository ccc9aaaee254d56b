/** A server started in this process on a free port, over a memory store the test can seed. */
import type { Clock } from '../../../src/engine/ports/clock.js';
import type { Store } from '../../../src/store/ports/store.js';
import { serverConfigFromEnv, startServer, type RunningServer } from '../../../src/server/index.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { createRuntimes } from '../../../src/runtime/index.js';

/** A response body as the tests inspect it (shapes are asserted, not trusted). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface TestServer {
  url: string;
  /** The app's registered routes. */
  routes: readonly { method: string; path: string }[];
  store: Store;
  logs: string[];
  /** fetch relative to the server, JSON body when given. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json; text: string; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 with a fresh memory store (or `store`, e.g. a
 * SQLite file; closed with the server); `clock` drives its cron scheduler and backfills.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { clock?: Clock; store?: Store; print?: (text: string) => void } = {},
): Promise<TestServer> {
  const store = options.store ?? (await createMemoryStore());
  const logs: string[] = [];
  const full = {
    CAESIUM_PORT: '0',
    CAESIUM_HOST: '127.0.0.1',
    CAESIUM_DATABASE_TYPE: 'memory',
    CAESIUM_SHUTDOWN_GRACE_PERIOD: '5s',
    ...env,
  };
  // In process the server forks local tasks itself: the spawn broker runs from dist/ (the server-process suites cover it).
  const server: RunningServer = await startServer(serverConfigFromEnv(full), {
    env: { ...process.env, ...full },
    store,
    log: (l) => logs.push(l),
    clock: options.clock,
    print: options.print ?? (() => undefined),
    createRuntimes: (env) => createRuntimes(env),
  });
  return {
    url: server.url,
    routes: server.routes,
    store,
    logs,
    async call(method, path, body) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, json, text, headers: res.headers };
    },
    async close() {
      await server.close();
      await store.close();
    },
  };
}

/** A small valid definition as REST takes it (durations in nanoseconds). */
export function definition(
  alias: string,
  steps: Record<string, unknown>[] = [{ name: 'only', engine: 'local', command: ['sh', '-c', 'echo hi'] }],
  metadata: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias, ...metadata },
    trigger: { type: 'cron', configuration: { expression: '0 0 1 1 *' } },
    steps,
  };
}

/** Polls `fn` until it returns a value that is not undefined (or times out). */
export async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
