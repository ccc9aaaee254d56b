/**
 * The UI components (ui/src/components) in Debian's Chromium, in the light and the dark theme: axe finds no
 * serious violation, the DAG's steps are drawn and a step is selected from the keyboard, the charts draw on
 * their canvas, and the log's search box filters. The page (components-page/) is built with Vite as the app is.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../support/tools.js';
import { launchChromium, seriousViolations } from './support/browser.js';

const chromiumTool = requireTool('chromium', 'chromium');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

describe.skipIf(chromiumTool.skip)('the UI components in a browser', () => {
  let out: string;
  let server: Server;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'caesium-ui-components-'));
    await build({
      configFile: false,
      root: fileURLToPath(new URL('./components-page', import.meta.url)),
      base: './',
      plugins: [react()],
      logLevel: 'silent',
      build: { outDir: out, emptyOutDir: true, reportCompressedSize: false },
    });
    server = createServer((req, res) => {
      const path = normalize(join(out, (req.url ?? '/').split(/[?#]/)[0]!.replace(/^\/$/, '/index.html')));
      let body: Buffer;
      try {
        if (!path.startsWith(out)) throw new Error('outside');
        body = readFileSync(path);
      } catch {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(out, { recursive: true, force: true });
  });

  async function open(theme: 'light' | 'dark'): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${url}${theme === 'dark' ? '#dark' : ''}`);
    await page.getByRole('log', { name: 'Output of audit' }).waitFor();
    await page.locator('canvas').nth(1).waitFor();
    return { page, errors };
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious accessibility violation in the ${theme} theme`, async () => {
      const { page, errors } = await open(theme);
      const violations = await seriousViolations(page);
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('draws the steps with their status, selects one from the keyboard, draws the charts, and filters the log', async () => {
    const { page, errors } = await open('light');
    const labels = await page.evaluate<(string | null)[]>(
      `[...document.querySelectorAll('[aria-roledescription="node"]')].map((e) => e.getAttribute('aria-label'))`,
    );
    expect(labels).toEqual(['step extract: succeeded', 'step transform: running', 'step audit: failed', 'step load']);
    await page.getByLabel('step audit: failed').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#selected').textContent()).toBe('selected: c');

    // uPlot drew something on both charts' canvases (not a blank bitmap).
    const inked = await page.evaluate<boolean[]>(
      `[...document.querySelectorAll('canvas')].map((c) =>
        c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0))`,
    );
    expect(inked).toEqual([true, true]);

    await page.getByLabel('Search the log').fill('hello');
    await expect
      .poll(() => page.locator('.log-row').allTextContents())
      .toEqual(['── attempt 1 ──', '1hello', '── attempt 2 ──', '1hello again']);
    expect(await page.locator('mark').allTextContents()).toEqual(['hello', 'hello']);
    expect(errors).toEqual([]);
    await page.close();
  });
});
