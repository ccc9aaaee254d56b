/**
 * The route → role table against the app's real route list: every route the
 * app registers has a line, every line is a route, and in api-key mode each
 * route answers 401 without a key, 403 to every role below its own and
 * neither to its role; with auth off every route is open.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ROLES } from '../../src/server/auth/route-roles.js';
import { tableKeys } from '../../src/server/auth/route-match.js';
import { ROLES } from '../../src/store/ports/auth.js';
import { createSqliteFileStore } from '../../src/store/sqlite-file-store.js';
import { startAuthServer, type AuthServer } from './support/auth-server.js';
import { startTestServer, type TestServer } from './support/in-process.js';

/** A concrete path for a route pattern: params become UUIDs, `*` a segment. */
const concrete = (pattern: string): string =>
  pattern
    .split('/')
    .map((s) => (s.startsWith(':') ? randomUUID() : s === '*' ? 'walk' : s))
    .join('/');

const bodyFor = (method: string): unknown => (method === 'GET' ? undefined : {});

describe('the route table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caesium-routes-'));
  let server: AuthServer;
  const keys = new Map<string, string>();

  beforeAll(async () => {
    // Both consoles on (the database console reads a SQLite file), so their routes are walked too.
    const path = join(dir, 'caesium.db');
    server = await startAuthServer(
      {
        CAESIUM_AUTH_RATE_LIMIT_PER_MINUTE: '0',
        CAESIUM_LOG_CONSOLE_ENABLED: 'true',
        CAESIUM_DATABASE_CONSOLE_ENABLED: 'true',
        CAESIUM_DATABASE_TYPE: 'sqlite',
        CAESIUM_DATABASE_PATH: path,
      },
      { store: await createSqliteFileStore({ path }) },
    );
    for (const role of ROLES) keys.set(role, role === 'admin' ? server.adminKey : (await server.keyFor(role)).key);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has a line for every route the app registers, and no line for a route it does not', () => {
    const registered = [...new Set(server.routes.map((r) => `${r.method} ${r.path}`))].sort();
    expect(registered.filter((r) => !(r in ROUTE_ROLES))).toEqual([]);
    expect(tableKeys().filter((k) => !registered.includes(k))).toEqual([]);
  });

  it('answers 401 without a key, 403 below the role and lets the role through, on every route', async () => {
    const wrong: string[] = [];
    for (const { method, path } of server.routes) {
      const access = ROUTE_ROLES[`${method} ${path}`];
      const url = concrete(path);
      const anonymous = await server.as(undefined, method, url, bodyFor(method));
      if (access === 'public') {
        if (anonymous.status === 401 || anonymous.status === 403) wrong.push(`${method} ${path}: public but ${anonymous.status}`);
        continue;
      }
      if (anonymous.status !== 401) wrong.push(`${method} ${path}: ${anonymous.status} without a key`);
      const needed = ROLES.indexOf(access!);
      for (const [level, role] of ROLES.entries()) {
        const r = await server.as(keys.get(role), method, url, bodyFor(method));
        const denied = r.status === 403 && r.json?.message === 'insufficient permissions';
        if (level < needed && !denied) wrong.push(`${method} ${path}: ${role} got ${r.status}`);
        if (level >= needed && (r.status === 401 || r.status === 403)) wrong.push(`${method} ${path}: ${role} refused with ${r.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('with auth off', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());

  it('opens every route without a key and says so in /auth/status', async () => {
    const refused: string[] = [];
    for (const { method, path } of server.routes) {
      const res = await fetch(`${server.url}${concrete(path)}`, {
        method,
        ...(method === 'GET' ? {} : { body: '{}', headers: { 'content-type': 'application/json' } }),
      });
      await res.body?.cancel();
      if (res.status === 401 || res.status === 403) refused.push(`${method} ${path}: ${res.status}`);
    }
    expect(refused).toEqual([]);
    expect((await server.call('GET', '/auth/status')).json).toEqual({ enabled: false, methods: [] });
  });
});
