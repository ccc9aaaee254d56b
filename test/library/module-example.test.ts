import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

// Inside the repository, so `import 'caesium'` resolves to this package (its
// `exports`, built in dist/) as it would from an installed copy.
mkdirSync(join(ROOT, 'test/.tmp'), { recursive: true });
const dir = mkdtempSync(join(ROOT, 'test/.tmp/module-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the library's @module example", () => {
  it('runs as documented: the job succeeds and prints its output', () => {
    const extracted = spawnSync(process.execPath, ['scripts/module-example.mjs', 'src/index.ts', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(extracted.stderr).toBe('');
    expect(extracted.stdout.trim()).toBe('example.mjs hello.yaml');
    const run = spawnSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('succeeded hello\n');
    expect(run.status).toBe(0);
  });
});
