/** An in-process server in api-key mode: the bootstrap admin key from its banner, keys per role, requests with a key. */
import { startTestServer, type Json, type TestServer } from './in-process.js';

const SECRET = 'test-secret-0123456789abcdef-0123456789';

export interface AuthServer extends TestServer {
  adminKey: string;
  /** Everything the server printed on standard output. */
  printed: string;
  /** A request with `key` (no Authorization header when undefined). */
  as(key: string | undefined, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** Creates a key over REST with the admin key. */
  keyFor(role: string, extra?: Record<string, unknown>): Promise<{ key: string; id: string }>;
}

export interface Reply {
  status: number;
  json: Json;
  headers: Headers;
}

/** Starts a server with `CAESIUM_AUTH_MODE=api-key` and `env`. */
export async function startAuthServer(
  env: Record<string, string> = {},
  options: Parameters<typeof startTestServer>[1] = {},
): Promise<AuthServer> {
  let printed = '';
  const server = await startTestServer(
    { CAESIUM_AUTH_MODE: 'api-key', CAESIUM_AUTH_KEY_HASH_SECRET: SECRET, ...env },
    { ...options, print: (t) => (printed += t) },
  );
  const adminKey = /csk_live_[0-9A-Za-z]+/.exec(printed)?.[0] ?? '';
  const as: AuthServer['as'] = async (key, method, path, body, headers = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = res.headers.get('content-type')?.includes('event-stream') ? (await res.body?.cancel(), '') : await res.text();
    let json: Json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, headers: res.headers };
  };
  return {
    ...server,
    adminKey,
    printed,
    as,
    async keyFor(role, extra = {}) {
      const r = await as(adminKey, 'POST', '/v1/auth/keys', { role, ...extra });
      if (r.status !== 201) throw new Error(`creating a ${role} key answered ${r.status}: ${JSON.stringify(r.json)}`);
      return { key: r.json.key as string, id: r.json.api_key.id as string };
    },
  };
}
