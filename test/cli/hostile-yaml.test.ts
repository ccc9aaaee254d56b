/**
 * YAML that used to crash every loading command (`unexpected error` and a
 * stack trace, exit 1, no JSON at all): each case is now a located diagnostic
 * of its own file, and the other files of the batch are reported as usual.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LintJson } from '../../src/cli/format/lint-json.js';
import { lines, runCli } from '../support/cli.js';
import { random } from '../fuzz/mutants.js';

const tmp = mkdtempSync(join(tmpdir(), 'caesium-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const GOOD = readFileSync('examples/branching.yaml', 'utf8');
const HEAD = 'apiVersion: v1\nkind: Job\nmetadata:\n';

const laughs = (): string => {
  const out = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let k = 1; k < 9; k++) out.push(`l${k}: &l${k} [${Array.from({ length: 10 }, () => `*l${k - 1}`).join(', ')}]`);
  return `${HEAD}  alias: bomb\n${out.join('\n')}\n`;
};
const rng = random(7);
const BRACKETS = Array.from({ length: 120_000 }, () => '[]{}'[Math.floor(rng() * 4)]).join('');

const CASES: Record<string, string> = {
  'a-good.yaml': GOOD,
  'b-undefined.yaml': `${HEAD}  alias: *nope\n`,
  'c-before.yaml': `${HEAD}  alias: *later\n  labels: {x: &later y}\n`,
  'd-bomb.yaml': laughs(),
  'e-deep.yaml': `${HEAD}  labels: ${'['.repeat(5000)}\n`,
  'f-deep-block.yaml': `${HEAD}${Array.from({ length: 3000 }, (_, k) => `${' '.repeat(k + 2)}- `).join('\n')}x\n`,
  'g-brackets.yaml': BRACKETS,
  'h-errors.yaml': ']}'.repeat(30_000),
};

function writeCases(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(CASES)) writeFileSync(join(dir, name), text);
}

describe('hostile YAML', () => {
  const dir = join(tmp, 'jobs');
  writeCases(dir);
  const rel = (name: string): string => join(dir, name);

  it('job lint: one located diagnostic per hostile file, the good one validated, no stack trace', async () => {
    const r = await runCli(['job', 'lint', '--path', dir]);
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.code).toBe(1);
    const out = lines(r.stderr);
    expect(out).toContain(
      `${rel('b-undefined.yaml')}:4:10  error    YAML error: alias *nope has no anchor &nope before it  (define the anchor (\`&name\`) on a node before the alias (\`*name\`) and outside it, or write the value out; nothing else in this document was checked)`,
    );
    expect(
      out.some((l) => l.startsWith(`${rel('c-before.yaml')}:4:10  error    YAML error: alias *later has no anchor &later before it`)),
    ).toBe(true);
    expect(
      out.some((l) =>
        /d-bomb\.yaml:\d+:\d+ {2}error {4}YAML error: expanding alias \*l\d makes the document larger than 100000 values/.test(l),
      ),
    ).toBe(true);
    expect(out.some((l) => l.startsWith(`${rel('e-deep.yaml')}:4:73  error    YAML error: nesting deeper than 64 levels`))).toBe(true);
    expect(out.some((l) => /f-deep-block\.yaml:\d+:\d+ {2}error {4}YAML error: nesting deeper than 64 levels/.test(l))).toBe(true);
    // A flood is cut off: at most 20 YAML errors of a file are shown, then a count of the rest.
    for (const name of ['g-brackets.yaml', 'h-errors.yaml']) {
      const own = out.filter((l) => l.startsWith(rel(name)));
      expect(own.length).toBeLessThanOrEqual(21);
      expect(own.length).toBeGreaterThan(0);
    }
    expect(
      out.some((l) => /h-errors\.yaml:1:\d+ {2}error {4}… and \d+ more YAML errors in this file \(the first 20 are shown\)/.test(l)),
    ).toBe(true);
    expect(out.at(-1)).toMatch(/in 7 files \(1 definition checked\)$/);
  });

  it('job lint --format json: one document, the good file valid, every diagnostic located', async () => {
    const r = await runCli(['job', 'lint', '--path', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as LintJson;
    expect(report.definitions).toEqual([expect.objectContaining({ file: rel('a-good.yaml'), valid: true })]);
    const files = new Set(report.diagnostics.map((d) => d.file));
    expect([...files].sort()).toEqual(Object.keys(CASES).slice(1).map(rel));
    expect(report.diagnostics.every((d) => d.line >= 1 && d.col >= 1)).toBe(true);
  });

  it('the order of files in a batch does not change what is reported', async () => {
    const reversed = join(tmp, 'reversed');
    mkdirSync(reversed, { recursive: true });
    const names = Object.keys(CASES);
    names.forEach((name, i) => writeFileSync(join(reversed, `${String(names.length - i)}-${name}`), CASES[name] as string));
    const a = JSON.parse((await runCli(['job', 'lint', '--path', dir, '--format', 'json'])).stdout) as LintJson;
    const b = JSON.parse((await runCli(['job', 'lint', '--path', reversed, '--format', 'json'])).stdout) as LintJson;
    const shape = (j: LintJson): string[] =>
      j.diagnostics.map((d) => `${d.file.replace(/^.*\/(\d+-)?/, '')}:${d.line}:${d.col} ${d.code}`).sort();
    expect(shape(b)).toEqual(shape(a));
  });

  it('test --scenario exits 2 for a harness file with an alias bomb or an undefined alias, naming file:line:col', async () => {
    const hdir = join(tmp, 'harness');
    mkdirSync(hdir, { recursive: true });
    writeFileSync(join(hdir, 'bomb.scenario.yaml'), laughs().replace('kind: Job', 'kind: Harness'));
    writeFileSync(join(hdir, 'alias.scenario.yaml'), 'apiVersion: v1\nkind: Harness\nscenarios:\n  - name: *nope\n');
    const r = await runCli(['test', '--scenario', hdir]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('unexpected error');
    expect(lines(r.stderr)).toContain(
      `${join(hdir, 'alias.scenario.yaml')}:4:11  error    YAML error: alias *nope has no anchor &nope before it  (define the anchor (\`&name\`) on a node before the alias (\`*name\`) and outside it, or write the value out; nothing else in this document was checked)`,
    );
    expect(r.stderr).toMatch(/bomb\.scenario\.yaml:\d+:\d+ {2}error {4}YAML error: expanding alias/);
  });
});
