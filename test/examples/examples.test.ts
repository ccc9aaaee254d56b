import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lines, runCli } from '../support/cli.js';

/** Every example, with the alias and the `Steps:` line `caesium test` must print for it. */
const EXPECTED: Record<string, { alias: string; steps: string }> = {
  'branching.yaml': { alias: 'branching', steps: 'check-size -> [full-refresh, incremental] -> publish (4 steps, max parallelism: 2)' },
  'cached.yaml': { alias: 'cached', steps: 'download -> build-index -> verify (3 steps, max parallelism: 1)' },
  'fan-out-fan-in.yaml': {
    alias: 'fan-out-fan-in',
    steps: 'prepare -> [process-apac, process-eu, process-us] -> merge (5 steps, max parallelism: 3)',
  },
  'http-callback.yaml': { alias: 'http-callback', steps: 'smoke-test -> announce (2 steps, max parallelism: 1)' },
  'local-engine.yaml': { alias: 'local-engine', steps: 'fetch -> [count-words, measure] -> summarize (4 steps, max parallelism: 2)' },
  'nightly-etl.yaml': { alias: 'nightly-etl', steps: 'extract -> transform -> load (3 steps, max parallelism: 1)' },
  'outputs.yaml': { alias: 'outputs', steps: 'count-rows -> report (2 steps, max parallelism: 1)' },
};

const files = readdirSync('examples')
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('examples/', () => {
  it('has exactly the documented examples', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(files)('%s', (file) => {
    const path = `examples/${file}`;
    const expected = EXPECTED[file]!;

    it('starts with a comment and the editor schema line', () => {
      const text = readFileSync(path, 'utf8');
      expect(text.startsWith('# ')).toBe(true);
      expect(text).toContain('# yaml-language-server: $schema=../schemas/job.v1.json\n');
    });

    it('lints clean with --strict', async () => {
      const r = await runCli(['job', 'lint', '--strict', '-p', path]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(lines(r.stdout)[0]).toBe('Validated 1 job definition(s)');
    });

    it('passes caesium test with its summary line', async () => {
      const r = await runCli(['test', '-p', path]);
      expect(r.code).toBe(0);
      expect(lines(r.stdout)).toEqual([`  PASS  ${expected.alias}`, `         Steps: ${expected.steps}`]);
    });

    it('previews in every format', async () => {
      for (const format of ['ascii', 'mermaid', 'dot']) {
        const r = await runCli(['job', 'preview', '-p', path, '--format', format]);
        expect(r.code, format).toBe(0);
        expect(r.stderr, format).toBe('');
        expect(r.stdout.length, format).toBeGreaterThan(0);
      }
    });
  });

  it('local-engine.yaml uses only the local engine (it must run without Docker)', async () => {
    const r = await runCli(['test', '-v', '-p', 'examples/local-engine.yaml']);
    const steps = lines(r.stdout).filter((l) => l.startsWith('         - '));
    expect(steps.length).toBe(4);
    for (const step of steps) expect(step).toContain('[local]');
  });
});
