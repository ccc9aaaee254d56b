/**
 * A bounded fuzz pass over the loaders: a few thousand seeded mutants of the
 * examples and harness fixtures (test/fuzz/mutants.ts), loaded in batches next
 * to one good file. Nothing may throw, every diagnostic must name a line and
 * column of its own file, and the good file of each batch must still come out
 * valid. `CAESIUM_FUZZ_COUNT` and `CAESIUM_FUZZ_SEED` run a larger or other pass.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/jobdef/diagnostic.js';
import { loadDefinitions } from '../../src/jobdef/definitions.js';
import { loadScenarios } from '../../src/harness/load.js';
import type { LintJson } from '../../src/cli/format/lint-json.js';
import { runCli } from '../support/cli.js';
import { mutants } from './mutants.js';

const COUNT = Number(process.env.CAESIUM_FUZZ_COUNT ?? 2000);
const SEED = Number(process.env.CAESIUM_FUZZ_SEED ?? 20261202);
const BATCH = 250;

const read = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
const JOBS = read('examples');
const HARNESS = read('test/fixtures/harness/valid');
// The good file gets an alias no mutant can have, so it never meets a duplicate alias.
const GOOD_JOB = readFileSync('examples/branching.yaml', 'utf8').replace('alias: branching', 'alias: zz-fuzz-good');

const tmp = mkdtempSync(join(tmpdir(), 'caesium-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes one batch: the mutants, then the good file last (so a crash on any mutant would lose it). */
function writeBatch(name: string, texts: readonly string[], ext: string, good: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [i, text] of texts.entries()) writeFileSync(join(dir, `m${String(i).padStart(4, '0')}${ext}`), text);
  writeFileSync(join(dir, `zz-good${ext}`), good);
  return dir;
}

function unlocated(diagnostics: readonly Diagnostic[], files: readonly string[]): Diagnostic[] {
  const known = new Set(files);
  return diagnostics.filter((d) => !known.has(d.file) || !(d.line >= 1 && d.col >= 1));
}

describe(`loader fuzz pass (${COUNT} mutants, seed ${SEED})`, () => {
  const jobMutants = mutants(JOBS, COUNT, SEED);

  it('job files: never throws, every diagnostic located in its own file, the good file still valid', { timeout: 120_000 }, () => {
    for (let start = 0; start < jobMutants.length; start += BATCH) {
      const dir = writeBatch(`jobs-${start}`, jobMutants.slice(start, start + BATCH), '.yaml', GOOD_JOB);
      const set = loadDefinitions([dir]);
      const all = [...set.diagnostics, ...set.definitions.flatMap((d) => d.diagnostics)];
      expect(unlocated(all, set.files)).toEqual([]);
      const good = set.definitions.find((d) => d.file.endsWith('zz-good.yaml'));
      expect(good?.job, `good file of batch ${start}`).toBeDefined();
    }
  });

  it('harness files: never throws, every diagnostic located', { timeout: 120_000 }, () => {
    const texts = mutants(HARNESS, Math.ceil(COUNT / 3), SEED + 1);
    const dir = writeBatch('harness', texts, '.scenario.yaml', HARNESS[0] as string);
    const set = loadScenarios([dir]);
    expect(unlocated(set.diagnostics, set.files)).toEqual([]);
    expect(set.diagnostics.some((d) => d.file.endsWith('zz-good.scenario.yaml') && d.severity === 'error')).toBe(false);
  });

  it('job lint --format json still prints one document for a batch of mutants, with the good file in it', async () => {
    const dir = writeBatch('cli', jobMutants.slice(0, BATCH), '.yaml', GOOD_JOB);
    const r = await runCli(['job', 'lint', '--path', dir, '--format', 'json']);
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as LintJson;
    expect(report.definitions.find((d) => d.file.endsWith('zz-good.yaml'))?.valid).toBe(true);
    expect(report.diagnostics.every((d) => d.line >= 1 && d.col >= 1)).toBe(true);
  });
});
