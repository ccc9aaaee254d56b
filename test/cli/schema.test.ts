import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lines, runCli } from '../support/cli.js';

describe('caesium job schema', () => {
  it('--json prints schemas/job.v1.json as it is', async () => {
    const r = await runCli(['job', 'schema', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync('schemas/job.v1.json', 'utf8'));
    expect((JSON.parse(r.stdout) as { $schema?: string }).$schema).toContain('2020-12');
  });

  it('--doc and the default print the Markdown reference', async () => {
    const doc = await runCli(['job', 'schema', '--doc']);
    const plain = await runCli(['job', 'schema']);
    expect(doc.code).toBe(0);
    expect(plain.stdout).toBe(doc.stdout);
    expect(doc.stdout).toMatch(/^# /);
    expect(doc.stdout).toContain('| `alias` | string | yes |');
  });

  it('docs/job-schema-reference.md is up to date', async () => {
    const doc = await runCli(['job', 'schema', '--doc']);
    const checkedIn = readFileSync('docs/job-schema-reference.md', 'utf8');
    expect(checkedIn === doc.stdout, 'docs/job-schema-reference.md is stale: run `npm run docs` and commit the result').toBe(true);
  });

  it('--summary counts trigger types, step engines and callback types', async () => {
    const r = await runCli(['job', 'schema', '--summary', '--path', 'examples']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      'Total definitions: 7',
      'Trigger types:',
      '  - cron: 6',
      '  - http: 1',
      'Step engines:',
      '  - docker: 19',
      '  - local: 4',
      'Callback types:',
      '  - notification: 1',
    ]);
  });

  it('--summary --markdown prints tables', async () => {
    const r = await runCli(['job', 'schema', '--summary', '-p', 'examples', '--markdown']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      '# Job definitions summary',
      '',
      'Total definitions: **7**',
      '',
      '## Trigger types',
      '',
      '| Trigger type | Definitions |',
      '| --- | ---: |',
      '| `cron` | 6 |',
      '| `http` | 1 |',
      '',
      '## Step engines',
      '',
      '| Step engine | Steps |',
      '| --- | ---: |',
      '| `docker` | 19 |',
      '| `local` | 4 |',
      '',
      '## Callback types',
      '',
      '| Callback type | Callbacks |',
      '| --- | ---: |',
      '| `notification` | 1 |',
    ]);
  });

  it('--summary omits empty sections and reports invalid definitions on stderr (exit 1)', async () => {
    const r = await runCli(['job', 'schema', '--summary', '-p', 'test/cli/fixtures/mixed']);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual([
      'Total definitions: 1',
      'Trigger types:',
      '  - cron: 1',
      'Step engines:',
      '  - docker: 1',
      '  - local: 1',
    ]);
    expect(r.stderr).toContain('test/cli/fixtures/mixed/b-bad.yaml:10:5  error    steps[0].image is required');
  });

  it('prints the summary as one JSON document with --summary --json', async () => {
    const r = await runCli(['job', 'schema', '--summary', '--json', '--path', 'examples']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { total: number; triggerTypes: Record<string, number>; engines: Record<string, number> };
    expect(doc.total).toBeGreaterThan(0);
    expect(Object.values(doc.triggerTypes).reduce((a, b) => a + b, 0)).toBe(doc.total);
    expect(Object.keys(doc.engines)).toContain('local');
  });

  it.each([
    [['--json', '--doc'], '--json cannot be combined with --doc'],
    [['--json', '--summary', '--markdown'], '--json cannot be combined with --markdown'],
    [['--markdown'], '--markdown only applies to --summary'],
    [['--path', 'examples'], '--path only applies to --summary'],
  ])('rejects %j with exit 2', async (flags, message) => {
    const r = await runCli(['job', 'schema', ...flags]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([`error: ${message}`]);
  });
});
