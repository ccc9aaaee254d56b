import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientIp } from '../../src/server/hooks/client-ip.js';
import { parseByteSize } from '../../src/server/hooks/byte-size.js';
import { normalizeHookPath } from '../../src/trigger/hook-path.js';
import { resolveHookSecret } from '../../src/trigger/hook-secret.js';
import { hookSettingsFromEnv } from '../../src/server/hooks/hook-settings.js';
import { hookTriggerOf } from '../../src/server/hooks/hook-trigger.js';
import { extractParams, plainDecimal, resolvePath } from '../../src/trigger/param-mapping.js';
import { createRateLimiter } from '../../src/server/hooks/rate-limiter.js';
import { parseTimestamp, verifySignature } from '../../src/trigger/verify-signature.js';

const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');

function trigger(configuration: Record<string, unknown>) {
  return hookTriggerOf({
    triggerId: 't',
    jobId: 'j',
    alias: 'a',
    paused: false,
    versionId: 'v',
    configuration: { path: 'p', ...configuration },
    defaultParams: {},
  });
}

function request(headers: Record<string, string>, body = '{"a":1}', nowMs = Date.parse('2024-06-01T12:00:00Z')) {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { header: (name: string) => lower[name], body: bytes(body), nowMs };
}

describe('hook paths (docs/decisions.md §8)', () => {
  it('normalises request and stored paths the same way', () => {
    for (const p of ['x/y', '/x/y', ' /x/y/ ', 'hooks/x/y', '/v1/hooks/x/y/', 'v1/hooks/x/y']) expect(normalizeHookPath(p)).toBe('x/y');
    expect(normalizeHookPath(' / ')).toBe('');
    expect(normalizeHookPath('hooks')).toBe('hooks'); // a hook named "hooks", served at /v1/hooks/hooks
    expect(normalizeHookPath('v1/x')).toBe('v1/x');
  });
});

describe('hook settings (docs/decisions.md §16)', () => {
  it('has the documented defaults', () => {
    const s = hookSettingsFromEnv({});
    expect(s).toMatchObject({ maxBodyBytes: 1_000_000, ratePerMinute: 120, burst: 20, trustedProxies: undefined, envSecrets: true });
  });

  it('reads sizes, limits, proxies and the env secret switch', () => {
    const s = hookSettingsFromEnv({
      CAESIUM_WEBHOOK_MAX_BODY_SIZE: '64KiB',
      CAESIUM_WEBHOOK_RATE_LIMIT_PER_MINUTE: '0',
      CAESIUM_WEBHOOK_RATE_LIMIT_BURST: '5',
      CAESIUM_TRUSTED_PROXIES: '10.0.0.0/8, ::1',
      CAESIUM_JOBDEF_SECRETS_ENABLE_ENV: 'false',
    });
    expect(s).toMatchObject({ maxBodyBytes: 65536, ratePerMinute: 0, burst: 5, envSecrets: false });
    expect(s.trustedProxies?.check('10.1.2.3', 'ipv4')).toBe(true);
    expect(s.trustedProxies?.check('11.1.2.3', 'ipv4')).toBe(false);
  });

  it('refuses bad values, naming the variable', () => {
    expect(() => hookSettingsFromEnv({ CAESIUM_WEBHOOK_MAX_BODY_SIZE: 'lots' })).toThrow(/CAESIUM_WEBHOOK_MAX_BODY_SIZE/);
    expect(() => hookSettingsFromEnv({ CAESIUM_WEBHOOK_RATE_LIMIT_BURST: 'many' })).toThrow(/CAESIUM_WEBHOOK_RATE_LIMIT_BURST/);
    expect(() => hookSettingsFromEnv({ CAESIUM_TRUSTED_PROXIES: '10.0.0.0/40' })).toThrow(/CAESIUM_TRUSTED_PROXIES/);
    expect(() => hookSettingsFromEnv({ CAESIUM_JOBDEF_SECRETS_ENABLE_ENV: 'yes' })).toThrow(/CAESIUM_JOBDEF_SECRETS_ENABLE_ENV/);
  });

  it('parses byte sizes with decimal and binary units', () => {
    expect([
      parseByteSize('1MB'),
      parseByteSize('1mb'),
      parseByteSize('1 MiB'),
      parseByteSize('512'),
      parseByteSize('10B'),
      parseByteSize('2GB'),
    ]).toEqual([1e6, 1e6, 1048576, 512, 10, 2e9]);
    expect(parseByteSize('1XB')).toBeUndefined();
    expect(parseByteSize('')).toBeUndefined();
  });
});

describe('paramMapping JSONPath (docs/decisions.md D15)', () => {
  const doc = {
    a: { b: 'x' },
    items: [{ id: 7 }, { id: 'second' }],
    n: null,
    flag: false,
    big: 1e21,
    tiny: 1.5e-7,
    obj: { k: [1, 'two'] },
  };

  it('resolves $.a.b, $.items.0.id and $.items[0].id alike', () => {
    expect(resolvePath(doc, '$.a.b')).toBe('x');
    expect(resolvePath(doc, '$.items.0.id')).toBe(7);
    expect(resolvePath(doc, '$.items[0].id')).toBe(7);
    expect(resolvePath(doc, '$.items[1].id')).toBe('second');
    expect(resolvePath([{ id: 3 }], '$[0].id')).toBe(3);
    expect(resolvePath(doc, '$')).toBe(doc);
  });

  it('leaves missing paths unresolved', () => {
    expect(resolvePath(doc, '$.a.c')).toBeUndefined();
    expect(resolvePath(doc, '$.items.5.id')).toBeUndefined();
    expect(resolvePath(doc, '$.items.x')).toBeUndefined();
    expect(resolvePath(doc, '$.a[0]')).toBeUndefined();
    expect(resolvePath(doc, 'a.b')).toBeUndefined();
    expect(resolvePath(doc, '$..a')).toBeUndefined();
    expect(resolvePath(doc, '$.toString')).toBeUndefined();
  });

  it('renders values as text and drops null and missing ones', () => {
    const mapping = {
      b: '$.a.b',
      id: '$.items[0].id',
      none: '$.n',
      missing: '$.zzz',
      flag: '$.flag',
      big: '$.big',
      tiny: '$.tiny',
      obj: '$.obj',
    };
    expect(extractParams(mapping, bytes(JSON.stringify(doc)))).toEqual({
      b: 'x',
      id: '7',
      flag: 'false',
      big: '1000000000000000000000',
      tiny: '0.00000015',
      obj: '{"k":[1,"two"]}',
    });
    expect(extractParams({ whole: '$' }, bytes('[1,2]'))).toEqual({ whole: '[1,2]' });
  });

  it('extracts nothing from a body that is not JSON', () => {
    expect(extractParams({ b: '$.a' }, bytes('a=1&b=2'))).toEqual({});
    expect(extractParams({ b: '$.a' }, bytes(''))).toEqual({});
  });

  it('writes numbers in plain decimal', () => {
    expect([plainDecimal(1000000), plainDecimal(-2.5e-8), plainDecimal(1.25e22), plainDecimal(0.1), plainDecimal(-1e21)]).toEqual([
      '1000000',
      '-0.000000025',
      '12500000000000000000000',
      '0.1',
      '-1000000000000000000000',
    ]);
  });
});

describe('signature checks (docs/decisions.md §8)', () => {
  const body = '{"a":1}';
  const hex = (alg: string, secret: string, text: string): string => createHmac(alg, secret).update(text).digest('hex');

  it('defaults to hmac-sha256 on X-Hub-Signature-256, prefix optional and case-insensitive', () => {
    const t = trigger({ secret: 's3' });
    const sig = hex('sha256', 's3', body);
    expect(verifySignature(t, 's3', request({ 'X-Hub-Signature-256': `sha256=${sig}` }))).toEqual({ ok: true, replay: undefined });
    expect(verifySignature(t, 's3', request({ 'X-Hub-Signature-256': `SHA256=${sig.toUpperCase()}` })).ok).toBe(true);
    expect(verifySignature(t, 's3', request({ 'X-Hub-Signature-256': sig })).ok).toBe(true);
    expect(verifySignature(t, 's3', request({ 'X-Hub-Signature-256': hex('sha256', 'other', body) }))).toEqual({
      ok: false,
      reason: 'invalid_signature',
    });
    expect(verifySignature(t, 's3', request({}))).toEqual({ ok: false, reason: 'invalid_signature' });
  });

  it('checks hmac-sha1 on X-Hub-Signature and honours signatureHeader', () => {
    const t = trigger({ secret: 'k', signatureScheme: 'HMAC-SHA1' });
    expect(verifySignature(t, 'k', request({ 'X-Hub-Signature': `sha1=${hex('sha1', 'k', body)}` })).ok).toBe(true);
    expect(verifySignature(t, 'k', request({ 'X-Hub-Signature-256': `sha1=${hex('sha1', 'k', body)}` })).ok).toBe(false);
    const custom = trigger({ secret: 'k', signatureHeader: 'X-Sig' });
    expect(verifySignature(custom, 'k', request({ 'x-sig': hex('sha256', 'k', body) })).ok).toBe(true);
  });

  it('checks bearer tokens and basic credentials', () => {
    const bearer = trigger({ secret: 'tok', signatureScheme: 'bearer' });
    expect(verifySignature(bearer, 'tok', request({ Authorization: 'bearer tok' })).ok).toBe(true);
    expect(verifySignature(bearer, 'tok', request({ Authorization: 'tok' })).ok).toBe(false);
    expect(verifySignature(bearer, 'tok', request({ Authorization: 'Bearer tok2' })).ok).toBe(false);
    const basic = trigger({ secret: 'u:p', signatureScheme: 'basic', signatureHeader: 'X-Ignored' });
    const creds = Buffer.from('u:p').toString('base64');
    expect(verifySignature(basic, 'u:p', request({ Authorization: `Basic ${creds}` })).ok).toBe(true);
    expect(verifySignature(basic, 'u:p', request({ 'X-Ignored': `Basic ${creds}` })).ok).toBe(false);
    expect(verifySignature(basic, 'u:p', request({ Authorization: `Basic ${Buffer.from('u:q').toString('base64')}` })).ok).toBe(false);
  });

  it('accepts anything when the secret is empty, and nothing under an unknown scheme', () => {
    expect(verifySignature(trigger({}), '', request({})).ok).toBe(true);
    expect(verifySignature(trigger({ secret: 'x', signatureScheme: 'md5' }), 'x', request({ Authorization: 'x' })).ok).toBe(false);
  });

  it('signs <timestamp>.<body> with timestampHeader and keeps the timestamp within maxTimestampAge', () => {
    const t = trigger({ secret: 'k', timestampHeader: 'X-Ts', maxTimestampAge: '2m' });
    const now = Date.parse('2024-06-01T12:00:00Z');
    const signed = (ts: string) => ({ 'X-Hub-Signature-256': `sha256=${hex('sha256', 'k', `${ts}.${body}`)}`, 'X-Ts': ts });
    const fresh = verifySignature(t, 'k', request(signed(String(now / 1000 - 60)), body, now));
    expect(fresh.ok && fresh.replay?.expiresAtMs).toBe(now + 60_000);
    expect(verifySignature(t, 'k', request(signed('2024-06-01T12:01:30Z'), body, now)).ok).toBe(true);
    expect(verifySignature(t, 'k', request(signed(String(now / 1000 - 121)), body, now))).toEqual({
      ok: false,
      reason: 'replayed_request',
    });
    expect(verifySignature(t, 'k', request(signed('yesterday'), body, now))).toEqual({ ok: false, reason: 'replayed_request' });
    expect(verifySignature(t, 'k', request({ 'X-Hub-Signature-256': hex('sha256', 'k', body) }, body, now))).toEqual({
      ok: false,
      reason: 'replayed_request',
    });
    // the body alone is no longer what is signed
    const ts = String(now / 1000);
    expect(verifySignature(t, 'k', request({ 'X-Hub-Signature-256': hex('sha256', 'k', body), 'X-Ts': ts }, body, now)).ok).toBe(false);
  });

  it('parses Unix seconds and RFC3339 timestamps only', () => {
    expect(parseTimestamp('1717243200')).toBe(Date.parse('2024-06-01T12:00:00Z'));
    expect(parseTimestamp('2024-06-01T14:00:00+02:00')).toBe(Date.parse('2024-06-01T12:00:00Z'));
    expect(parseTimestamp('2024-06-01 12:00:00')).toBeUndefined();
    expect(parseTimestamp('1.5')).toBeUndefined();
  });
});

describe('hook secrets', () => {
  const settings = { env: { HOOK_KEY: 'from-env', EMPTY: '' }, envSecrets: true };

  it('keeps literals and resolves secret://env/NAME', () => {
    expect(resolveHookSecret('plain', settings)).toEqual({ ok: true, value: 'plain' });
    expect(resolveHookSecret('', settings)).toEqual({ ok: true, value: '' });
    expect(resolveHookSecret('secret://env/HOOK_KEY', settings)).toEqual({ ok: true, value: 'from-env' });
  });

  it('fails closed on references it cannot resolve', () => {
    expect(resolveHookSecret('secret://env/MISSING', settings).ok).toBe(false);
    expect(resolveHookSecret('secret://env/EMPTY', settings).ok).toBe(false);
    expect(resolveHookSecret('secret://vault/kv/x', settings).ok).toBe(false);
    expect(resolveHookSecret('secret://env/HOOK_KEY', { ...settings, envSecrets: false }).ok).toBe(false);
  });
});

describe('the per-client token bucket', () => {
  it('allows a burst, then refills at the per-minute rate', () => {
    const clock = { now: 0 };
    const limiter = createRateLimiter({ perMinute: 60, burst: 3, now: () => clock.now });
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true);
    clock.now = 999;
    expect(limiter.take('a')).toBe(false);
    clock.now = 1000;
    expect([limiter.take('a'), limiter.take('a')]).toEqual([true, false]);
    clock.now = 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
  });

  it('never limits when the rate or the burst is 0 or less', () => {
    const off = createRateLimiter({ perMinute: 0, burst: 3, now: () => 0 });
    expect(Array.from({ length: 50 }, () => off.take('a')).every(Boolean)).toBe(true);
    expect(createRateLimiter({ perMinute: 10, burst: -1, now: () => 0 }).take('a')).toBe(true);
  });
});

describe('the client IP a bucket is kept under', () => {
  const trusted = hookSettingsFromEnv({ CAESIUM_TRUSTED_PROXIES: '10.0.0.0/8' }).trustedProxies;
  const app = new Hono();
  app.get('/ip', (c) => c.text(clientIp(c, trusted)));
  const ip = async (peer: string | undefined, forwarded?: string): Promise<string> => {
    const env = peer === undefined ? undefined : { incoming: { socket: { remoteAddress: peer } } };
    const res = await app.request('/ip', { headers: forwarded === undefined ? {} : { 'X-Forwarded-For': forwarded } }, env);
    return res.text();
  };

  it('is the socket peer, unless the peer is a trusted proxy', async () => {
    expect(await ip('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    expect(await ip('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(await ip('10.0.0.2', '198.51.100.1, 10.1.1.1')).toBe('198.51.100.1');
    expect(await ip('10.0.0.2', 'spoofed, 198.51.100.7')).toBe('198.51.100.7');
    expect(await ip('10.0.0.2', 'not-an-ip')).toBe('10.0.0.2');
    expect(await ip('10.0.0.2')).toBe('10.0.0.2');
    expect(await ip(undefined)).toBe('unknown');
  });
});
