import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineageConfigFromEnv } from '../../src/observe/lineage/config.js';
import { lineageFromEnv } from '../../src/observe/lineage/lineage-from-env.js';

describe('lineageConfigFromEnv (docs/decisions.md §16)', () => {
  it('is disabled by default and then ignores every other variable', () => {
    expect(lineageConfigFromEnv({})).toEqual({
      ok: true,
      config: {
        enabled: false,
        transport: 'http',
        url: '',
        namespace: 'caesium',
        headers: {},
        filePath: '/var/lib/caesium/lineage.ndjson',
        timeoutMs: 5000,
        retryAttempts: 3,
      },
    });
    expect(
      lineageConfigFromEnv({
        CAESIUM_OPEN_LINEAGE_ENABLED: 'false',
        CAESIUM_OPEN_LINEAGE_TRANSPORT: 'kafka',
        CAESIUM_OPEN_LINEAGE_TIMEOUT: 'soon',
      }),
    ).toMatchObject({ ok: true, config: { enabled: false } });
  });

  it('reads every variable when enabled', () => {
    const result = lineageConfigFromEnv({
      CAESIUM_OPEN_LINEAGE_ENABLED: 'true',
      CAESIUM_OPEN_LINEAGE_TRANSPORT: 'HTTP',
      CAESIUM_OPEN_LINEAGE_URL: 'https://marquez.example/api/v1/lineage/',
      CAESIUM_OPEN_LINEAGE_NAMESPACE: 'prod',
      CAESIUM_OPEN_LINEAGE_HEADERS: 'Authorization=Bearer a=b, X-Team = data ,',
      CAESIUM_OPEN_LINEAGE_TIMEOUT: '1m30s',
      CAESIUM_OPEN_LINEAGE_RETRY_ATTEMPTS: '5',
    });
    expect(result).toEqual({
      ok: true,
      config: {
        enabled: true,
        transport: 'http',
        url: 'https://marquez.example/api/v1/lineage',
        namespace: 'prod',
        headers: { Authorization: 'Bearer a=b', 'X-Team': 'data' },
        filePath: '/var/lib/caesium/lineage.ndjson',
        timeoutMs: 90_000,
        retryAttempts: 5,
      },
    });
    expect(
      lineageConfigFromEnv({
        CAESIUM_OPEN_LINEAGE_ENABLED: '1',
        CAESIUM_OPEN_LINEAGE_TRANSPORT: 'file',
        CAESIUM_OPEN_LINEAGE_RETRY_ATTEMPTS: '0',
      }),
    ).toMatchObject({
      ok: true,
      config: { transport: 'file', retryAttempts: 3 },
    });
  });

  it.each([
    [{ CAESIUM_OPEN_LINEAGE_ENABLED: 'yes' }, 'CAESIUM_OPEN_LINEAGE_ENABLED: "yes" is not a boolean (use true or false)'],
    [
      { CAESIUM_OPEN_LINEAGE_TRANSPORT: 'kafka' },
      'CAESIUM_OPEN_LINEAGE_TRANSPORT: unsupported transport "kafka" (use http, console or file)',
    ],
    [{}, 'CAESIUM_OPEN_LINEAGE_URL is required for the http transport'],
    [{ CAESIUM_OPEN_LINEAGE_URL: 'ftp://x' }, 'CAESIUM_OPEN_LINEAGE_URL: "ftp://x" is not an http(s) URL'],
    [
      { CAESIUM_OPEN_LINEAGE_TRANSPORT: 'console', CAESIUM_OPEN_LINEAGE_HEADERS: 'novalue' },
      'CAESIUM_OPEN_LINEAGE_HEADERS: "novalue" is not a name=value pair',
    ],
    [
      { CAESIUM_OPEN_LINEAGE_TRANSPORT: 'console', CAESIUM_OPEN_LINEAGE_TIMEOUT: '5' },
      'CAESIUM_OPEN_LINEAGE_TIMEOUT: "5" is not a positive duration (e.g. 5s, 500ms)',
    ],
    [
      { CAESIUM_OPEN_LINEAGE_TRANSPORT: 'console', CAESIUM_OPEN_LINEAGE_RETRY_ATTEMPTS: '-1' },
      'CAESIUM_OPEN_LINEAGE_RETRY_ATTEMPTS: "-1" is not a whole number',
    ],
  ])('rejects %j with a message naming the variable', (env, message) => {
    const result = lineageConfigFromEnv({ CAESIUM_OPEN_LINEAGE_ENABLED: 'true', ...env });
    expect(result).toEqual({ ok: false, error: `OpenLineage disabled: ${message}` });
  });

  it('reports every problem at once', () => {
    const result = lineageConfigFromEnv({
      CAESIUM_OPEN_LINEAGE_ENABLED: 'true',
      CAESIUM_OPEN_LINEAGE_TIMEOUT: 'x',
      CAESIUM_OPEN_LINEAGE_RETRY_ATTEMPTS: 'y',
    });
    expect(result.ok ? '' : result.error).toBe(
      'OpenLineage disabled: CAESIUM_OPEN_LINEAGE_URL is required for the http transport; CAESIUM_OPEN_LINEAGE_TIMEOUT: "x" is not a positive duration (e.g. 5s, 500ms); CAESIUM_OPEN_LINEAGE_RETRY_ATTEMPTS: "y" is not a whole number',
    );
  });
});

describe('lineageFromEnv', () => {
  it('builds nothing when disabled, an emitter when configured, and an error message when not', async () => {
    expect(await lineageFromEnv({})).toEqual({ emitter: undefined });
    const bad = await lineageFromEnv({ CAESIUM_OPEN_LINEAGE_ENABLED: 'true' });
    expect(bad).toEqual({ emitter: undefined, error: 'OpenLineage disabled: CAESIUM_OPEN_LINEAGE_URL is required for the http transport' });
    const dir = mkdtempSync(join(tmpdir(), 'caesium-lineage-'));
    try {
      const missing = await lineageFromEnv({
        CAESIUM_OPEN_LINEAGE_ENABLED: 'true',
        CAESIUM_OPEN_LINEAGE_TRANSPORT: 'file',
        CAESIUM_OPEN_LINEAGE_FILE_PATH: join(dir, 'no', 'x.ndjson'),
      });
      expect(missing.emitter).toBeUndefined();
      expect(missing.error).toMatch(/^OpenLineage disabled: CAESIUM_OPEN_LINEAGE_FILE_PATH: cannot open .*no\/x\.ndjson: ENOENT/);
      const ok = await lineageFromEnv({
        CAESIUM_OPEN_LINEAGE_ENABLED: 'true',
        CAESIUM_OPEN_LINEAGE_TRANSPORT: 'file',
        CAESIUM_OPEN_LINEAGE_FILE_PATH: join(dir, 'x.ndjson'),
      });
      expect(ok.error).toBeUndefined();
      expect(ok.emitter?.transport.name).toBe('file');
      await ok.emitter?.close();
      const http = await lineageFromEnv({ CAESIUM_OPEN_LINEAGE_ENABLED: 'true', CAESIUM_OPEN_LINEAGE_URL: 'http://127.0.0.1:9/' });
      expect(http.emitter?.transport.name).toBe('http');
      await http.emitter?.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
