/**
 * The secret providers behind every runtime (src/runtime/secrets/). No Vault
 * server can run on this machine, so the vault provider is tested against a
 * small HTTP server on 127.0.0.1 that answers Vault's KV v2 read API
 * (`GET /v1/<mount>/data/<path>` with `X-Vault-Token`): a double of a service
 * that cannot run here (docs/architecture.md rule 5).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntimes, SecretResolver, secretSettingsFromEnv } from '../../src/runtime/index.js';
import { secretMasker } from '../../src/runtime/secrets/mask.js';
import { parseEnvFile } from '../../src/cli/dev/env-file.js';

interface VaultRequest {
  url: string;
  token: string | undefined;
  namespace: string | undefined;
}

/** Answers KV v2 reads of `secret/data/app` for token `t0ken`, 403 for another token, 404 otherwise. */
function kvServer(requests: VaultRequest[]): http.Server {
  return http.createServer((req, res) => {
    const token = req.headers['x-vault-token'] as string | undefined;
    requests.push({ url: req.url ?? '', token, namespace: req.headers['x-vault-namespace'] as string | undefined });
    res.setHeader('content-type', 'application/json');
    if (token !== 't0ken') return void res.writeHead(403).end(JSON.stringify({ errors: ['permission denied'] }));
    if (req.method !== 'GET' || req.url !== '/v1/secret/data/app') return void res.writeHead(404).end(JSON.stringify({ errors: [] }));
    res.writeHead(200).end(JSON.stringify({ data: { data: { password: 'vault-pa55', port: 5432 }, metadata: { version: 3 } } }));
  });
}

describe('secret providers', () => {
  const requests: VaultRequest[] = [];
  const server = kvServer(requests);
  let address = '';
  let dir = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'caesium-secrets-'));
    writeFileSync(join(dir, 'db-password'), 'from-a-file\n');
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });
  const resolver = (env: Record<string, string>): SecretResolver => new SecretResolver(secretSettingsFromEnv(env));

  it('env: reads the variable, unless CAESIUM_JOBDEF_SECRETS_ENABLE_ENV is false', async () => {
    expect(await resolver({ TOKEN: 'abc' }).resolve('secret://env/TOKEN')).toEqual({ ok: true, value: 'abc' });
    expect(await resolver({ TOKEN: 'abc', CAESIUM_JOBDEF_SECRETS_ENABLE_ENV: 'false' }).resolve('secret://env/TOKEN')).toEqual({
      ok: false,
      problem: 'the env secret provider is turned off (CAESIUM_JOBDEF_SECRETS_ENABLE_ENV=false)',
    });
    expect(await resolver({}).resolve('secret://env/NOPE')).toEqual({ ok: false, problem: 'environment variable "NOPE" is not set' });
  });

  it('file: reads <CAESIUM_JOBDEF_SECRETS_FILE_DIR>/NAME without its last newline, and nothing outside that directory', async () => {
    const r = resolver({ CAESIUM_JOBDEF_SECRETS_FILE_DIR: dir });
    expect(await r.resolve('secret://file/db-password')).toEqual({ ok: true, value: 'from-a-file' });
    expect(await r.resolve('secret://file/../etc/passwd')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not a file name inside'),
    });
    expect(await resolver({}).resolve('secret://file/db-password')).toEqual({
      ok: false,
      problem: 'the file secret provider is not configured (set CAESIUM_JOBDEF_SECRETS_FILE_DIR to a directory)',
    });
  });

  it('vault: reads a KV v2 field with the token and namespace, as the last path segment or ?field=', async () => {
    const env = {
      CAESIUM_JOBDEF_SECRETS_VAULT_ADDRESS: `${address}/`,
      CAESIUM_JOBDEF_SECRETS_VAULT_TOKEN: 't0ken',
      CAESIUM_JOBDEF_SECRETS_VAULT_NAMESPACE: 'team-a',
    };
    const r = resolver(env);
    expect(await r.resolve('secret://vault/secret/data/app/password')).toEqual({ ok: true, value: 'vault-pa55' });
    expect(await r.resolve('secret://vault/secret/data/app?field=port')).toEqual({ ok: true, value: '5432' });
    expect(requests.at(-1)).toEqual({ url: '/v1/secret/data/app', token: 't0ken', namespace: 'team-a' });
    expect(await r.resolve('secret://vault/secret/data/other/password')).toEqual({
      ok: false,
      problem: 'vault secret secret/data/other not found',
    });
    expect(await r.resolve('secret://vault/secret/data/app/user')).toEqual({
      ok: false,
      problem: 'vault secret secret/data/app has no field "user"',
    });
    expect(
      await resolver({ ...env, CAESIUM_JOBDEF_SECRETS_VAULT_TOKEN: 'wrong' }).resolve('secret://vault/secret/data/app/password'),
    ).toEqual({
      ok: false,
      problem: 'vault answered 403 reading secret/data/app',
    });
    expect(await resolver({}).resolve('secret://vault/secret/data/app/password')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('vault secret provider is not configured'),
    });
  });

  it('resolveEnv names the step and every key it could not resolve, and never a literal reaches the task', async () => {
    const r = resolver({ A: 'one' });
    expect(await r.resolveEnv('load', { A: 'secret://env/A', PLAIN: 'x' })).toEqual({ env: { A: 'one', PLAIN: 'x' }, secrets: ['one'] });
    await expect(r.resolveEnv('load', { A: 'secret://env/A', B: 'secret://k8s/ns/name/key', C: 'secret://env/MISSING' })).rejects.toThrow(
      'step "load": secret not resolved: env B (secret://k8s/ns/name/key): the k8s secret provider is not available yet (it comes with the Kubernetes runtime); env C (secret://env/MISSING): environment variable "MISSING" is not set',
    );
  });

  it('masks every value, longest first, and each line of a value of several lines', () => {
    const mask = secretMasker(['abc', 'abcdef', 'line one\nline two', '']);
    expect(mask('x abcdef y abc z')).toBe('x *** y *** z');
    expect(mask('got line two')).toBe('got ***');
    expect(secretMasker([])('unchanged')).toBe('unchanged');
  });

  it("masks in a task's output the literal values of secret-bearing env names too, but not one shorter than 4", async () => {
    const runtime = await createRuntimes({ ...process.env, REF: 'from-a-ref-1' }).get('local');
    const env = { API_TOKEN: 'secret://env/REF', DB_PASSWORD: 'lit-pass-77', SHORT_SECRET: 'ab', PLAIN: 'lit-pass-77?' };
    const script = 'echo "$API_TOKEN $DB_PASSWORD $SHORT_SECRET"; echo "$PLAIN" >&2';
    const handle = await runtime.start(
      {
        ...{ runId: 'r', taskRunId: 't', jobAlias: 'j', stepName: 'leak', attempt: 1, engine: 'local' as const, image: '' },
        ...{ command: ['sh', '-c', script], env, workdir: '', mounts: [], labels: {} },
      },
      new AbortController().signal,
    );
    const lines: string[] = [];
    for await (const line of handle.logs()) lines.push(`${line.stream}: ${line.text}`);
    await handle.wait();
    // A plain variable that contains the value is masked where it holds it: the value never shows.
    expect(lines.sort()).toEqual(['stderr: ***?', 'stdout: *** *** ab']);
  });

  it('reads dotenv files without expanding ${…}', () => {
    const text = ['# comment', '', 'export A=1', 'B = two words # note', "C='${A} literal'", 'D="a\\nb"', 'E='].join('\n');
    expect(parseEnvFile(text, '.env')).toEqual({ A: '1', B: 'two words', C: '${A} literal', D: 'a\nb', E: '' });
    expect(() => parseEnvFile('A=1\nnot a line\n', '.env')).toThrow('.env:2: not a KEY=VALUE line');
  });
});
