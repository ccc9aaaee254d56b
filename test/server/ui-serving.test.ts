/**
 * The operator UI on the API's port: `/` sends the browser to `/ui/`, hashed assets are cached for good,
 * index.html and page paths (the SPA fallback) are revalidated, text is compressed, the files need no key
 * in api-key mode while the API still does, and a server without a built UI answers a page saying what to do.
 * `GET /v1/auth/whoami` tells the UI the key's role.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uiRoutes } from '../../src/server/routes/ui.js';
import { startAuthServer, type AuthServer } from './support/auth-server.js';

describe('the UI routes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caesium-ui-'));
  const app = new Hono();
  beforeAll(() => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
    uiRoutes(app, dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('redirects / to /ui/ and serves index.html for every page path, revalidated', async () => {
    const root = await app.request('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/ui/');
    for (const path of ['/ui/', '/ui/jobs', '/ui/jobs/1234/runs/5678']) {
      const page = await app.request(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain('id="root"');
    }
  });

  it('caches hashed assets for good and compresses them', async () => {
    const asset = await app.request('/ui/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
  });

  it('does not serve a file outside the build', async () => {
    const escape = await app.request('/ui/..%2F..%2Fetc%2Fpasswd');
    expect(await escape.text()).toContain('id="root"');
  });

  it('answers a page saying how to build the UI when dist/ui is missing', async () => {
    const bare = new Hono();
    uiRoutes(bare, join(dir, 'nowhere'));
    const page = await bare.request('/ui/jobs');
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('Run <code>npm run build</code>');
  });
});

describe('the UI in api-key mode', () => {
  let server: AuthServer;
  beforeAll(async () => {
    server = await startAuthServer();
  });
  afterAll(() => server.close());

  it('serves the UI without a key while the API still needs one, and tells a key its role', async () => {
    expect((await server.as(undefined, 'GET', '/ui/jobs')).status).not.toBe(401);
    // The browser's own ask for an icon is no failed authentication (which would soon answer 429 to the UI).
    const icon = await fetch(`${server.url}/favicon.ico`, { redirect: 'manual' });
    expect(icon.status).toBe(301);
    expect(icon.headers.get('location')).toBe('/ui/favicon.svg');
    expect((await server.as(undefined, 'GET', '/v1/jobs')).status).toBe(401);
    expect((await server.as(undefined, 'GET', '/v1/auth/whoami')).status).toBe(401);
    const viewer = await server.keyFor('viewer', { description: 'dashboards' });
    const me = await server.as(viewer.key, 'GET', '/v1/auth/whoami');
    expect(me.json).toMatchObject({ auth: true, role: 'viewer', description: 'dashboards' });
    expect(me.json.key_prefix).toMatch(/^csk_/);
  });
});
