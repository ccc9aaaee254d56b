import { describe, expect, it } from 'vitest';
import { lines, runCli } from '../support/cli.js';

const FX = 'test/cli/fixtures';

const DIAMOND_ASCII = [
  '┌───┐      ┌───┐      ┌───┐',
  '│ a │───┬─>│ b │───┬─>│ d │',
  '└───┘   │  └───┘   │  └───┘',
  '        │          │',
  '        │  ┌───┐   │',
  '        └─>│ c │───┘',
  '           └───┘',
];

describe('caesium job preview', () => {
  it('draws ASCII boxes by default', async () => {
    const r = await runCli(['job', 'preview', '-p', `${FX}/diamond.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toEqual(DIAMOND_ASCII);
  });

  it('draws Mermaid with the alias as title', async () => {
    const r = await runCli(['job', 'preview', '-p', `${FX}/diamond.yaml`, '--format', 'mermaid']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '---',
        'title: "diamond"',
        '---',
        'flowchart LR',
        '  s_a["a"]',
        '  s_b["b"]',
        '  s_c["c"]',
        '  s_d["d"]',
        '  s_a --> s_b',
        '  s_a --> s_c',
        '  s_b --> s_d',
        '  s_c --> s_d',
        '',
      ].join('\n'),
    );
  });

  it('draws Graphviz DOT named after the alias', async () => {
    const r = await runCli(['job', 'preview', '-p', `${FX}/diamond.yaml`, '--format', 'dot']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      'digraph "diamond" {',
      '  rankdir=LR;',
      '  "a" [shape=box];',
      '  "b" [shape=box];',
      '  "c" [shape=box];',
      '  "d" [shape=box];',
      '  "a" -> "b";',
      '  "a" -> "c";',
      '  "b" -> "d";',
      '  "c" -> "d";',
      '}',
    ]);
  });

  it('heads each drawing with its alias when there are several, draws the valid ones and exits 1 for the invalid', async () => {
    const r = await runCli(['job', 'preview', '-p', `${FX}/diamond.yaml`, '-p', 'examples/outputs.yaml', '-p', `${FX}/mixed/c-cycle.yaml`]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual([
      '--- diamond ---',
      ...DIAMOND_ASCII,
      '',
      '--- outputs ---',
      '┌────────────┐      ┌────────┐',
      '│ count-rows │─────>│ report │',
      '└────────────┘      └────────┘',
    ]);
    expect(lines(r.stderr)).toEqual([
      `${FX}/mixed/c-cycle.yaml:10:5  error    cycle detected: a → b → a  (a job is a DAG: remove one next or dependsOn edge of the cycle)`,
    ]);
  });

  it('says "No job definitions found." when there is nothing to draw', async () => {
    const r = await runCli(['job', 'preview', '-p', `${FX}/empty`]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual(['No job definitions found.']);
  });

  it('rejects an unknown format with exit 2', async () => {
    const r = await runCli(['job', 'preview', '-p', `${FX}/diamond.yaml`, '--format', 'svg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'svg' is invalid");
  });
});
