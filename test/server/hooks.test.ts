import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMetric } from '../../src/observe/metrics/read-metric.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { hookJob, startHookApp, type HookApp } from './support/hook-app.js';

const T0 = Date.parse('2024-06-01T12:00:00Z');
const hmac = (alg: 'sha256' | 'sha1', secret: string, text: string): string => createHmac(alg, secret).update(text).digest('hex');
const basic = (creds: string): string => `Basic ${Buffer.from(creds).toString('base64')}`;

describe('POST /v1/hooks/<path> (docs/decisions.md §8), in-process over a SQLite file', () => {
  let h: HookApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHookApp({ CAESIUM_WEBHOOK_RATE_LIMIT_PER_MINUTE: '0', CAESIUM_WEBHOOK_MAX_BODY_SIZE: '2KB', HOOK_SECRET: 'from-env' });
    Object.assign(
      ids,
      await h.apply([
        hookJob('gh', { path: '/v1/hooks/gh/push', secret: 'gh-secret' }, { branch: 'main', region: 'eu' }),
        hookJob('gh-ts', { path: 'gh/ts', secret: 'ts-secret', timestampHeader: 'X-Timestamp', maxTimestampAge: '5m' }),
        hookJob('sha1', { path: 'sha1', secret: 's1', signatureScheme: 'hmac-sha1' }),
        hookJob('sha1-ts', {
          path: 'sha1/ts',
          secret: 's1',
          signatureScheme: 'hmac-sha1',
          signatureHeader: 'X-Sig',
          timestampHeader: 'X-Sent-At',
        }),
        hookJob('bearer', { path: 'bearer', secret: 'tok-1', signatureScheme: 'bearer', timestampHeader: 'X-Timestamp' }),
        hookJob('basic', { path: 'basic', secret: 'ci:pa55', signatureScheme: 'basic' }),
        hookJob('open', { path: 'hooks/open' }),
        hookJob('env', { path: 'env', secret: 'secret://env/HOOK_SECRET', signatureScheme: 'bearer' }),
        hookJob('unset', { path: 'unset', secret: 'secret://env/NOT_SET_ANYWHERE', signatureScheme: 'bearer' }),
        hookJob(
          'mapped',
          {
            path: 'mapped',
            paramMapping: {
              dotted: '$.a.b',
              index: '$.items.0.id',
              bracket: '$.items[1].id',
              region: '$.region',
              gone: '$.missing',
              empty: '$.nothing',
            },
          },
          { region: 'eu', fixed: 'yes' },
        ),
        hookJob('shared-a', { path: 'shared', secret: 'key-a', signatureScheme: 'bearer' }),
        hookJob('shared-b', { path: 'shared', secret: 'key-b', signatureScheme: 'bearer' }),
        hookJob('twin-live', { path: 'twins' }),
        hookJob('twin-paused', { path: 'twins' }),
        hookJob('paused', { path: 'paused', secret: 'p', signatureScheme: 'bearer' }),
      ]),
    );
    await h.pause(ids['twin-paused']!);
    await h.pause(ids.paused!);
  });
  afterAll(async () => {
    await h.close();
    expect(h.crashes).toEqual([]);
  });

  beforeAll(() => {
    h.clock.now = T0;
  });

  const failures = async (path: string, reason: string): Promise<number> =>
    (await readMetric(h.metrics.registry, 'caesium_webhook_auth_failures_total', { path, reason })) ?? 0;

  describe('hmac-sha256 (the default scheme)', () => {
    const body = '{"ref":"refs/heads/main"}';

    it('accepts a valid X-Hub-Signature-256, answers 202 with the receipt and runs the job with its defaultParams', async () => {
      const res = await h.post('gh/push', body, { 'X-Hub-Signature-256': `sha256=${hmac('sha256', 'gh-secret', body)}` });
      expect(res.status).toBe(202);
      expect(res.json).toMatchObject({
        path: 'gh/push',
        source: 'gh/push',
        event_matched_triggers: 0,
        event_runs_started: 0,
        http_triggers_accepted: 1,
        http_runs_started: 1,
      });
      expect(res.json.receipt_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.json).not.toHaveProperty('error');
      const run = await h.finished(res.json.run_ids[0]);
      expect(run).toMatchObject({ status: 'succeeded', params: { branch: 'main', region: 'eu' } });
    });

    it('refuses a wrong signature and a missing one with 401, counting invalid_signature', async () => {
      const before = await failures('gh/push', 'invalid_signature');
      const wrong = await h.post('gh/push', body, { 'X-Hub-Signature-256': `sha256=${hmac('sha256', 'not-the-secret', body)}` });
      expect(wrong).toEqual({ status: 401, json: { message: 'invalid signature' } });
      const tampered = await h.post('gh/push', `${body} `, { 'X-Hub-Signature-256': `sha256=${hmac('sha256', 'gh-secret', body)}` });
      expect(tampered.status).toBe(401);
      const missing = await h.post('gh/push', body);
      expect(missing).toEqual({ status: 401, json: { message: 'invalid signature' } });
      expect(await failures('gh/push', 'invalid_signature')).toBe(before + 3);
    });

    it('without timestampHeader, a repeated delivery is accepted again (no replay protection, as docs/decisions.md says)', async () => {
      const headers = { 'X-Hub-Signature-256': hmac('sha256', 'gh-secret', body) };
      expect((await h.post('gh/push', body, headers)).status).toBe(202);
      expect((await h.post('gh/push', body, headers)).status).toBe(202);
    });

    it('with timestampHeader, accepts a fresh signed delivery once and refuses its replay (replayed_request)', async () => {
      const ts = String(T0 / 1000 - 30);
      const headers = { 'X-Hub-Signature-256': `sha256=${hmac('sha256', 'ts-secret', `${ts}.${body}`)}`, 'X-Timestamp': ts };
      expect((await h.post('gh/ts', body, headers)).status).toBe(202);
      const replay = await h.post('gh/ts', body, headers);
      expect(replay).toEqual({ status: 401, json: { message: 'invalid signature' } });
      expect(await failures('gh/ts', 'replayed_request')).toBe(1);
      // a new delivery (new timestamp) of the same body is fine
      const next = String(T0 / 1000 - 29);
      expect(
        (await h.post('gh/ts', body, { 'X-Hub-Signature-256': hmac('sha256', 'ts-secret', `${next}.${body}`), 'X-Timestamp': next }))
          .status,
      ).toBe(202);
    });

    it('with timestampHeader, refuses a stale or missing timestamp and a signature over the body alone', async () => {
      const stale = String(T0 / 1000 - 301);
      expect(
        (await h.post('gh/ts', body, { 'X-Hub-Signature-256': hmac('sha256', 'ts-secret', `${stale}.${body}`), 'X-Timestamp': stale }))
          .status,
      ).toBe(401);
      expect((await h.post('gh/ts', body, { 'X-Hub-Signature-256': hmac('sha256', 'ts-secret', body) })).status).toBe(401);
      const ts = String(T0 / 1000);
      expect((await h.post('gh/ts', body, { 'X-Hub-Signature-256': hmac('sha256', 'ts-secret', body), 'X-Timestamp': ts })).status).toBe(
        401,
      );
      expect(await failures('gh/ts', 'replayed_request')).toBe(3);
      expect(await failures('gh/ts', 'invalid_signature')).toBe(1);
    });

    it('forgets a replay key once its timestamp has expired (pruned), while the timestamp check keeps refusing it', async () => {
      const ts = String(T0 / 1000);
      const headers = { 'X-Hub-Signature-256': hmac('sha256', 'ts-secret', `${ts}.${body}`), 'X-Timestamp': ts };
      expect((await h.post('gh/ts', body, headers)).status).toBe(202);
      expect((await h.post('gh/ts', body, headers)).status).toBe(401);
      h.clock.now = T0 + 5 * 60_000 + 61_000;
      try {
        expect((await h.post('gh/ts', body, headers)).status).toBe(401); // now stale
        expect(await h.store.hooks.pruneDeliveries(new Date(h.clock.now).toISOString())).toBe(0); // the route already pruned them
      } finally {
        h.clock.now = T0;
      }
    });
  });

  describe('hmac-sha1', () => {
    const body = 'payload=not-json';

    it('accepts X-Hub-Signature sha1=…, refuses a wrong or missing one', async () => {
      expect((await h.post('sha1', body, { 'X-Hub-Signature': `sha1=${hmac('sha1', 's1', body)}` })).status).toBe(202);
      expect((await h.post('sha1', body, { 'X-Hub-Signature': `sha1=${hmac('sha1', 's2', body)}` })).status).toBe(401);
      expect((await h.post('sha1', body, { 'X-Hub-Signature-256': `sha256=${hmac('sha256', 's1', body)}` })).status).toBe(401);
      expect((await h.post('sha1', body)).status).toBe(401);
    });

    it('with an RFC3339 timestampHeader and a custom signatureHeader, refuses a replayed delivery', async () => {
      const ts = '2024-06-01T11:59:00Z';
      const headers = { 'X-Sig': hmac('sha1', 's1', `${ts}.${body}`), 'X-Sent-At': ts };
      expect((await h.post('sha1/ts', body, headers)).status).toBe(202);
      expect((await h.post('sha1/ts', body, headers)).status).toBe(401);
      expect(await failures('sha1/ts', 'replayed_request')).toBe(1);
    });
  });

  describe('bearer', () => {
    it('accepts Authorization: Bearer <secret> (prefix case-insensitive), refuses a wrong or missing token', async () => {
      expect((await h.post('bearer', '{}', { Authorization: 'Bearer tok-1' })).status).toBe(202);
      expect((await h.post('bearer', '{}', { Authorization: 'BEARER tok-1' })).status).toBe(202);
      expect((await h.post('bearer', '{}', { Authorization: 'Bearer tok-2' })).status).toBe(401);
      expect((await h.post('bearer', '{}', { Authorization: 'tok-1' })).status).toBe(401);
      expect((await h.post('bearer', '{}')).status).toBe(401);
    });

    it('has no replay protection: a repeated delivery is accepted and timestampHeader is ignored', async () => {
      const headers = { Authorization: 'Bearer tok-1' };
      expect((await h.post('bearer', '{"n":1}', headers)).status).toBe(202);
      expect((await h.post('bearer', '{"n":1}', headers)).status).toBe(202);
      expect(await failures('bearer', 'replayed_request')).toBe(0);
    });

    it('resolves secret://env/NAME per request and fails closed when the variable is unset', async () => {
      expect((await h.post('env', '{}', { Authorization: 'Bearer from-env' })).status).toBe(202);
      expect((await h.post('env', '{}', { Authorization: 'Bearer secret://env/HOOK_SECRET' })).status).toBe(401);
      expect((await h.post('unset', '{}', { Authorization: 'Bearer ' })).status).toBe(401);
      expect((await h.post('unset', '{}')).status).toBe(401);
      expect(await failures('unset', 'secret_unavailable')).toBe(2);
    });
  });

  describe('basic', () => {
    it('accepts Authorization: Basic base64(user:pass) == secret, refuses wrong or missing credentials', async () => {
      expect((await h.post('basic', '{}', { Authorization: basic('ci:pa55') })).status).toBe(202);
      expect((await h.post('basic', '{}', { Authorization: basic('ci:wrong') })).status).toBe(401);
      expect((await h.post('basic', '{}', { Authorization: 'Bearer ci:pa55' })).status).toBe(401);
      expect((await h.post('basic', '{}')).status).toBe(401);
    });

    it('has no replay protection: a repeated delivery is accepted', async () => {
      const headers = { Authorization: basic('ci:pa55') };
      expect((await h.post('basic', '{"n":1}', headers)).status).toBe(202);
      expect((await h.post('basic', '{"n":1}', headers)).status).toBe(202);
    });
  });

  describe('paths, params and jobs', () => {
    it('answers 404 for a path no trigger has, and normalises request paths', async () => {
      expect(await h.post('nope', '{}')).toEqual({ status: 404, json: { message: 'no trigger registered for path' } });
      expect((await h.post('', '{}')).status).toBe(404);
      expect((await h.post('open/', '{}')).status).toBe(202);
      expect((await h.post('hooks/open', '{}')).status).toBe(202);
      expect((await h.post('v1/hooks/open', '{}')).status).toBe(202);
    });

    it('overlays paramMapping values ($.a.b, $.items.0.id, $.items[1].id) on defaultParams (docs/decisions.md D8, D15)', async () => {
      const body = JSON.stringify({ a: { b: 'deep' }, items: [{ id: 41 }, { id: 'second' }], region: 'us', nothing: null });
      const res = await h.post('mapped', body, { 'X-Webhook-Source': 'ci' });
      expect(res.status).toBe(202);
      expect(res.json.source).toBe('ci');
      const run = await h.finished(res.json.run_ids[0]);
      expect(run.params).toEqual({ dotted: 'deep', index: '41', bracket: 'second', region: 'us', fixed: 'yes' });
    });

    it('starts a run with only the defaults when the body is not JSON', async () => {
      const res = await h.post('mapped', 'a=b', { 'X-Caesium-Event-Source': 'form', 'X-Webhook-Source': 'ignored' });
      expect(res.json.source).toBe('form');
      const run = await h.finished(res.json.run_ids[0]);
      expect(run.params).toEqual({ region: 'eu', fixed: 'yes' });
    });

    it('authenticates each trigger of a shared path on its own', async () => {
      const a = await h.post('shared', '{}', { Authorization: 'Bearer key-a' });
      expect(a.json).toMatchObject({ http_triggers_accepted: 1, http_runs_started: 1 });
      expect((await h.store.runs.get(a.json.run_ids[0]))?.jobId).toBe((await h.store.jobs.current('shared-a'))?.id);
      const b = await h.post('shared', '{}', { Authorization: 'Bearer key-b' });
      expect((await h.store.runs.get(b.json.run_ids[0]))?.jobId).toBe((await h.store.jobs.current('shared-b'))?.id);
      expect((await h.post('shared', '{}', { Authorization: 'Bearer key-c' })).status).toBe(401);
    });

    it("accepts a paused job's trigger but starts no run (202, http_runs_started 0)", async () => {
      const res = await h.post('paused', '{}', { Authorization: 'Bearer p' });
      expect(res.status).toBe(202);
      expect(res.json).toMatchObject({ http_triggers_accepted: 1, http_runs_started: 0, run_ids: [] });
      expect(await h.store.catalog.runs('paused', { limit: 10, offset: 0 })).toEqual([]);
      expect((await h.post('paused', '{}', { Authorization: 'Bearer q' })).status).toBe(401);
    });

    it('starts only the unpaused job of two on one path', async () => {
      const res = await h.post('twins', '{}');
      expect(res.json).toMatchObject({ http_triggers_accepted: 2, http_runs_started: 1 });
      expect((await h.store.runs.get(res.json.run_ids[0]))?.jobId).toBe((await h.store.jobs.current('twin-live'))?.id);
    });

    it('follows a re-applied definition: the old path stops answering, the new one fires', async () => {
      await h.apply([hookJob('open', { path: 'open-v2' })]);
      expect((await h.post('open', '{}')).status).toBe(404);
      expect((await h.post('open-v2', '{}')).status).toBe(202);
    });
  });

  describe('body limit', () => {
    it('answers 413 above CAESIUM_WEBHOOK_MAX_BODY_SIZE, by Content-Length or while reading a stream', async () => {
      const limit = 2000;
      expect((await h.post('open-v2', 'x'.repeat(limit))).status).toBe(202);
      expect(await h.post('open-v2', 'x'.repeat(limit + 1))).toEqual({ status: 413, json: { message: 'request body too large' } });
      const chunks = [new Uint8Array(1500), new Uint8Array(1500)];
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(next);
        },
      });
      const res = await h.post('open-v2', stream);
      expect(res.status).toBe(413);
    });
  });
});

describe('webhook rate limit (per client IP token bucket)', () => {
  let h: HookApp;
  beforeAll(async () => {
    h = await startHookApp({ CAESIUM_WEBHOOK_RATE_LIMIT_PER_MINUTE: '60', CAESIUM_WEBHOOK_RATE_LIMIT_BURST: '3' });
    h.clock.now = T0;
    await h.apply([hookJob('open', { path: 'open' })]);
  });
  afterAll(async () => {
    await h.close();
  });

  it('allows the burst, answers 429 after it (unknown paths count too) and refills at the per-minute rate', async () => {
    expect((await h.post('open', '{}')).status).toBe(202);
    expect((await h.post('nope', '{}')).status).toBe(404);
    expect((await h.post('open', '{}')).status).toBe(202);
    const limited = await h.post('open', '{}');
    expect(limited).toEqual({ status: 429, json: { message: 'rate limit exceeded' } });
    h.clock.now = T0 + 1000;
    expect((await h.post('open', '{}')).status).toBe(202);
    expect((await h.post('open', '{}')).status).toBe(429);
  });
});

describe('hook deliveries in the store', () => {
  it('claims a key once while it lives, again after it expired, and prunes expired keys (memory store)', async () => {
    const store = await createMemoryStore();
    try {
      const delivery = {
        key: 'k1',
        path: 'p',
        receiptId: 'r1',
        receivedAt: '2024-06-01T12:00:00.000Z',
        expiresAt: '2024-06-01T12:05:00.000Z',
      };
      expect(await store.hooks.claimDelivery(delivery, '2024-06-01T12:00:00.000Z')).toBe(true);
      expect(await store.hooks.claimDelivery({ ...delivery, receiptId: 'r2' }, '2024-06-01T12:04:59.000Z')).toBe(false);
      expect(
        await store.hooks.claimDelivery(
          { ...delivery, receiptId: 'r3', expiresAt: '2024-06-01T12:10:00.000Z' },
          '2024-06-01T12:05:00.000Z',
        ),
      ).toBe(true);
      expect(await store.hooks.claimDelivery({ ...delivery, key: 'k2' }, '2024-06-01T12:00:00.000Z')).toBe(true);
      expect(await store.hooks.pruneDeliveries('2024-06-01T12:06:00.000Z')).toBe(1);
      expect(await store.hooks.claimDelivery({ ...delivery, receiptId: 'r4' }, '2024-06-01T12:06:00.000Z')).toBe(false);
    } finally {
      await store.close();
    }
  });
});
