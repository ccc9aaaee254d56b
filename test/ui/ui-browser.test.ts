/**
 * The operator UI in Debian's Chromium against a real `caesium server` (api-key mode, both consoles on), as an
 * operator uses it: sign in, find the applied examples, start a run and watch its DAG go green, read a running
 * task's log as it prints, retry a failed run from a step, create and cancel a backfill, see a viewer key's run
 * buttons disabled with the reason, use the consoles; axe-core finds no serious violation on any page.
 * `CAESIUM_UI_SCREENSHOTS=docs` writes the screenshots of docs/ui.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type { Json } from '../server/support/in-process.js';
import { killAll, spawnServer, type ServerProcess } from '../server/support/server-process.js';
import { launchChromium, requireChromium, screenshot, seriousViolations } from './support/browser.js';
import { flakyJob, SLOW_JOB, UI_LITERAL_SECRET } from './support/jobs.js';

const gate = requireChromium();
const WAIT = { timeout: 20_000 };

describe.skipIf(gate.skip)('the operator UI in a browser', { timeout: 90_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'caesium-ui-browser-'));
  const flag = join(dir, 'transform-ready');
  let server: ServerProcess;
  let admin = '';
  let viewer = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const ids: Record<string, string> = {};
  let slowRun = '';

  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
  };
  const signIn = async (p: Page, key: string): Promise<void> => {
    await p.goto(`${server.url}/`);
    await p.getByLabel('API key').fill(key);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor(WAIT);
  };
  const accessible = async (p: Page): Promise<void> => expect((await seriousViolations(p)).join('\n')).toBe('');

  beforeAll(async () => {
    mkdirSync(join(dir, 'jobs'));
    writeFileSync(join(dir, 'jobs', 'ui-slow.yaml'), SLOW_JOB);
    writeFileSync(join(dir, 'jobs', 'ui-flaky.yaml'), flakyJob(flag));
    const db = join(dir, 'caesium.db');
    server = await spawnServer({
      CAESIUM_DATABASE_TYPE: 'sqlite',
      CAESIUM_DATABASE_PATH: db,
      CAESIUM_AUTH_MODE: 'api-key',
      CAESIUM_AUTH_KEY_HASH_SECRET: 'ui-browser-secret-0123456789abcdef-0123',
      CAESIUM_LOG_CONSOLE_ENABLED: 'true',
      CAESIUM_DATABASE_CONSOLE_ENABLED: 'true',
    });
    admin = /csk_live_[0-9A-Za-z]+/.exec(server.stdout() + server.stderr())?.[0] ?? '';
    expect(admin).not.toBe('');
    for (const path of ['examples', join(dir, 'jobs')]) {
      const applied = spawnSync(process.execPath, ['bin/caesium.js', 'job', 'apply', '--path', path, '--server', server.url], {
        env: { ...process.env, NO_COLOR: '1', CAESIUM_API_KEY: admin },
        encoding: 'utf8',
      });
      expect(applied.status, applied.stderr).toBe(0);
    }
    for (const job of (await call('GET', '/v1/jobs')).json as { id: string; alias: string }[]) ids[job.alias] = job.id;
    viewer = (await call('POST', '/v1/auth/keys', { role: 'viewer', description: 'wall screen' })).json.key as string;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('response', (r) => {
      // A refused key or the failure limiter would sign the UI out: say where it happened.
      if (r.status() === 429) console.warn(`[ui test] 429 from ${r.url()}`);
    });
  });
  beforeEach((ctx) => {
    // A failing step leaves a picture of the page behind (test/.tmp/ui-screenshots/failed-*.png).
    onTestFailed(() => screenshot(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks for a key, signs in with it and lists the applied examples', { timeout: 90_000 }, async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Sign in to caesium' }).waitFor(WAIT);
    await accessible(page);
    await page.getByLabel('API key').fill('csk_live_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'invalid or expired api key' }).waitFor(WAIT);
    await signIn(page, admin);
    for (const alias of ['local-engine', 'nightly-etl', 'ui-slow'])
      await page.getByRole('link', { name: alias, exact: true }).waitFor(WAIT);
    await page.getByRole('searchbox', { name: 'Search' }).fill('ui-');
    await expect.poll(() => page.getByRole('link', { name: 'local-engine', exact: true }).count()).toBe(0);
    expect(page.url()).toContain('q=ui-');
    await page.goBack();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await accessible(page);
    await screenshot(page, 'jobs');
  });

  it('starts a run from the job page and watches its DAG go green', async () => {
    await page.getByRole('link', { name: 'local-engine', exact: true }).click();
    await page.getByRole('heading', { name: 'local-engine', level: 1 }).waitFor(WAIT);
    await page.getByLabel('step summarize').waitFor(WAIT);
    await expect.poll(() => page.getByText('alias: local-engine').count()).toBe(1);
    await accessible(page);
    await screenshot(page, 'job');
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.waitForURL(/\/runs\//, WAIT);
    for (const step of ['fetch', 'count-words', 'measure', 'summarize']) await page.getByLabel(`step ${step}: succeeded`).waitFor(WAIT);
    await page.locator('h1 .badge', { hasText: 'succeeded' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Show step fetch' }).click();
    await page.getByText('fetching the input').first().waitFor(WAIT);
    await accessible(page);
    await screenshot(page, 'run');
  });

  it("reads a running task's log as it prints, and the DAG follows the run live", async () => {
    await page.goto(`${server.url}/ui/jobs/${ids['ui-slow']}`);
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.waitForURL(/\/runs\//, WAIT);
    await page.getByLabel('step print: running').waitFor(WAIT);
    await page.getByRole('button', { name: 'Show step print' }).click();
    await page.getByText('progress line 2').first().waitFor(WAIT);
    // The line arrived while the step still ran: the log is streamed, not read at the end.
    expect(await page.getByLabel('step print: running').count()).toBe(1);
    await screenshot(page, 'run-live');
    await page.getByLabel('step print: succeeded').waitFor(WAIT);
    await page.getByText('progress line 8').first().waitFor(WAIT);
    slowRun = new URL(page.url()).pathname;
  }, 60_000);

  it('shows the command that reproduces a task and its launch by env names, never a secret value', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}${slowRun}`);
    await page.getByRole('button', { name: 'Show step prepare' }).click();
    await page.getByRole('heading', { name: /Step prepare/ }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Reproduce', exact: true }).click();
    const command = page.getByLabel('Reproduce command', { exact: true });
    const runId = slowRun.split('/').pop() ?? '';
    expect(await command.textContent()).toBe(
      `caesium run reproduce --server ${server.url} --job-id ui-slow --run-id ${runId} --task prepare`,
    );
    expect(await page.getByLabel('Reproduce shell command', { exact: true }).textContent()).toMatch(/ --task prepare --shell$/);
    await page.getByRole('button', { name: 'Copy reproduce command', exact: true }).click();
    await page.getByText('Copied.').waitFor(WAIT);
    // Runs in the page; typed here without the DOM library.
    const clipboard = () =>
      (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText();
    expect(await page.evaluate(clipboard)).toBe(await command.textContent());
    const names = page.getByRole('list', { name: 'Env variable names' });
    await names.getByText('DB_PASSWORD').waitFor(WAIT);
    await names.getByText('CAESIUM_RUN_ID').waitFor(WAIT);
    await names.getByText('redacted: set it with --env').waitFor(WAIT);
    await page.getByText(/Recorded launch \(attempt 1\)/).waitFor(WAIT);
    // Neither the page nor any answer the browser got holds the literal (nor the run id's value as an env value).
    expect(await page.content()).not.toContain(UI_LITERAL_SECRET);
    const descriptor = await call('GET', `/v1/jobs/${ids['ui-slow']}/runs/${runId}/tasks/prepare/descriptor`);
    expect(JSON.stringify(descriptor.json)).not.toContain(UI_LITERAL_SECRET);
    await accessible(page);
  });

  it('retries a failed run from a step', async () => {
    const started = await call('POST', `/v1/jobs/${ids['ui-flaky']}/run`, {});
    const runPath = `/v1/jobs/${ids['ui-flaky']}/runs/${started.json.id as string}`;
    await page.goto(`${server.url}/ui${runPath.slice(3)}`);
    await page.getByLabel('step transform: failed').waitFor(WAIT);
    await page.locator('h1 .badge', { hasText: 'failed' }).waitFor(WAIT);
    await page.getByText('input not ready').first().waitFor(WAIT);
    await accessible(page);
    writeFileSync(flag, '');
    await page.getByRole('button', { name: 'Retry from transform' }).click();
    // The retry is the run's next attempt: the same page follows it, and the steps from transform on run again.
    await page.getByLabel('step load: succeeded').waitFor(WAIT);
    await page.getByLabel('step transform: succeeded').waitFor(WAIT);
    await page.locator('h1 .badge', { hasText: 'succeeded' }).waitFor(WAIT);
    // Opened afresh once it ended, the run's timeline still draws both attempts of transform (from the replayed events).
    await page.reload();
    const timeline = page.getByRole('figure', { name: 'Timeline of task attempts' });
    await timeline.getByRole('img', { name: /^transform attempt 1: failed/ }).waitFor(WAIT);
    await timeline.getByRole('img', { name: /^transform attempt 2: succeeded/ }).waitFor(WAIT);
  }, 60_000);

  it('creates a backfill over a date range, follows its progress and cancels it', async () => {
    await page.goto(`${server.url}/ui/backfills?job=${ids['ui-slow']}`);
    await page.getByRole('heading', { name: 'New backfill of ui-slow' }).waitFor(WAIT);
    await page.getByLabel('From', { exact: true }).fill('2026-01-01T00:00');
    await page.getByLabel('To', { exact: true }).fill('2026-01-01T12:00');
    await page.getByLabel('Max concurrent').fill('1');
    await page.getByRole('button', { name: 'Start backfill' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Cancel backfill' }) });
    await row.waitFor(WAIT);
    await expect.poll(() => row.getByRole('progressbar').getAttribute('aria-label')).toMatch(/of 1[23] runs/);
    await accessible(page);
    await screenshot(page, 'backfills');
    await row.getByRole('button', { name: 'Cancel backfill' }).click();
    await page.locator('td .badge', { hasText: 'cancelled' }).waitFor({ timeout: 45_000 });
  }, 60_000);

  it('lists, filters and pages the runs, naming the failing steps', async () => {
    // A run that fails at transform (the retry above may have mended the earlier one).
    rmSync(flag, { force: true });
    const failing = await call('POST', `/v1/jobs/${ids['ui-flaky']}/run`, {});
    const path = `/v1/jobs/${ids['ui-flaky']}/runs/${failing.json.id as string}`;
    await expect.poll(async () => (await call('GET', path)).json.status as string, WAIT).toBe('failed');
    await page.goto(`${server.url}/ui/runs`);
    await page.getByText(/\d+ runs · page 1 of/).waitFor(WAIT);
    await page.getByLabel('Status').selectOption('failed');
    await page.getByRole('cell', { name: 'transform', exact: true }).first().waitFor(WAIT);
    expect(page.url()).toContain('status=failed');
    await page.getByLabel('Status').selectOption('');
    await accessible(page);
    await screenshot(page, 'runs');
    await page.goto(`${server.url}/ui/stats`);
    await page.getByRole('region', { name: 'Statistics' }).waitFor(WAIT);
    await accessible(page);
    await screenshot(page, 'stats');
  });

  it('uses the log console and the database console', async () => {
    await page.goto(`${server.url}/ui/consoles/logs`);
    await page.getByRole('log', { name: 'Server log' }).getByText('request').first().waitFor(WAIT);
    await accessible(page);
    await page.goto(`${server.url}/ui/consoles/database`);
    await page.getByRole('button', { name: 'Run query' }).click();
    await page.getByText(/\d+ rows.* in [\d.]+ ms/).waitFor(WAIT);
    await page.getByRole('columnheader', { name: 'status' }).waitFor(WAIT);
    await accessible(page);
    await screenshot(page, 'database-console');
  });

  it('signs a viewer in and disables what a viewer may not do, saying why', async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'dark' });
    const p = await other.newPage();
    await signIn(p, viewer);
    await p.getByText('viewer', { exact: false }).first().waitFor(WAIT);
    await p.goto(`${server.url}/ui/jobs/${ids['local-engine']}`);
    const run = p.getByRole('button', { name: 'Run now' });
    await run.waitFor(WAIT);
    expect(await run.isDisabled()).toBe(true);
    expect(await p.getByRole('button', { name: 'Pause' }).isDisabled()).toBe(true);
    await p.getByText('needs the runner role; this key is viewer').first().waitFor(WAIT);
    await p.goto(`${server.url}${slowRun}`);
    await p.getByRole('button', { name: 'Show step prepare' }).click();
    const reproduce = p.getByRole('button', { name: 'Reproduce', exact: true });
    await reproduce.waitFor(WAIT);
    expect(await reproduce.isDisabled()).toBe(true);
    expect(await reproduce.getAttribute('title')).toBe('needs the runner role; this key is viewer');
    await p.goto(`${server.url}/ui/consoles/database`);
    await p.getByText('needs the admin role; this key is viewer').waitFor(WAIT);
    await p.goto(`${server.url}/ui/jobs/${ids['local-engine']}`);
    await run.waitFor(WAIT);
    await accessible(p);
    await screenshot(p, 'viewer-dark');
    await other.close();
  });
});
