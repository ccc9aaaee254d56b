/**
 * The UI's bundle budget: the entry chunk (what every page loads first) stays within 200 kB gzip, and the
 * DAG (React Flow, dagre) and chart (uPlot) code is not in it but in chunks loaded by the pages that draw them.
 * Reads the build in dist/ui (`npm run build`, which `npm test` runs first).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIR = resolve('dist/ui');
const BUDGET = 200 * 1024;
const built = existsSync(join(DIR, 'index.html'));
if (!built) {
  const reason = 'dist/ui is missing: run `npm run build` first';
  if (process.env.CAESIUM_TEST_REQUIRE_ENGINES === '1') throw new Error(`the bundle budget needs the built UI: ${reason}`);
  console.warn(`[caesium tests] skipping the UI bundle budget: ${reason}`);
}

describe.skipIf(!built)('the UI bundle', () => {
  const index = built ? readFileSync(join(DIR, 'index.html'), 'utf8') : '';
  const entry = /<script type="module" crossorigin src="\/ui\/(assets\/[^"]+\.js)"/.exec(index)?.[1] ?? '';
  const gz = (file: string): number => gzipSync(readFileSync(join(DIR, file))).length;

  it('keeps the entry chunk within 200 kB gzip', () => {
    expect(entry).not.toBe('');
    const size = gz(entry);
    console.log(`[ui bundle] entry ${entry}: ${(size / 1024).toFixed(1)} kB gzip (budget ${BUDGET / 1024} kB)`);
    expect(size).toBeLessThanOrEqual(BUDGET);
  });

  it('loads the DAG and chart code lazily, in chunks of their own', () => {
    const text = readFileSync(join(DIR, entry), 'utf8');
    expect(text).not.toContain('react-flow__');
    expect(text).not.toContain('uplot');
    const chunks = readdirSync(join(DIR, 'assets'));
    expect(chunks.some((c) => c.startsWith('DagView-') && c.endsWith('.js'))).toBe(true);
    expect(chunks.some((c) => c.startsWith('UplotChart-') && c.endsWith('.js'))).toBe(true);
  });
});
