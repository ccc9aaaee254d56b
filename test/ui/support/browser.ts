/**
 * Debian's Chromium driven by playwright-core (no browser download), with the require-or-skip rule: absent, the
 * browser suites skip with the reason printed, or fail under `CAESIUM_TEST_REQUIRE_ENGINES=1` (CI, where
 * scripts/test-engines.sh installs it via scripts/setup-chromium.sh). Also: an axe-core check of a page and
 * screenshots for docs/ui/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser suites must be skipped; throws when Chromium is required but missing. */
export function requireChromium(): { skip: boolean; reason?: string } {
  const built = existsSync(resolve('dist/ui/index.html'));
  const reason = !existsSync(CHROMIUM)
    ? `${CHROMIUM} is not installed (Debian package chromium; scripts/setup-chromium.sh installs it)`
    : !built
      ? 'dist/ui/index.html is missing: run `npm run build` first'
      : undefined;
  if (reason === undefined) return { skip: false };
  if (process.env.CAESIUM_TEST_REQUIRE_ENGINES === '1')
    throw new Error(`the UI browser tests are required (CAESIUM_TEST_REQUIRE_ENGINES=1) but ${reason}`);
  console.warn(`[caesium tests] skipping the UI browser tests: ${reason}`);
  return { skip: true, reason };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The serious and critical accessibility violations axe-core finds on the page, as `id: target` lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  // Runs in the page (axe.run() checks the whole document); typed here without the DOM library.
  const results = await page.evaluate(async () => {
    type Violation = { id: string; impact: string; nodes: { target: string[] }[] };
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return results
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/**
 * Saves a screenshot as `<name>.png`: into docs/ui/ when `CAESIUM_UI_SCREENSHOTS=docs` (how the committed
 * images are made), else into test/.tmp/ui-screenshots/ for a look after a failure.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.CAESIUM_UI_SCREENSHOTS === 'docs' ? resolve('docs/ui') : resolve('test/.tmp/ui-screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}
