// `job preview --format dot|mermaid` over several jobs, fed to the tools users pipe it into:
// Graphviz's `dot` (Debian's graphviz) and Mermaid's own parser (the `mermaid` package, headless).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { loadMermaidParser, type MermaidParser } from '../support/mermaid-parse.js';
import { requireTool } from '../support/tools.js';

const MANY = ['-p', 'examples', '-p', 'test/cli/fixtures/preview-many'];
const GOLDEN = `${ROOT}test/golden/`;
const goldens = (kind: string): string[] => readdirSync(GOLDEN).filter((f) => f.endsWith(`.${kind}.txt`));

/** How many jobs `MANY` holds, counted from the ASCII preview's headers. */
async function jobCount(): Promise<number> {
  const ascii = await runCli(['job', 'preview', ...MANY]);
  expect(ascii.code).toBe(0);
  return ascii.stdout.split('\n').filter((l) => l.startsWith('--- ')).length;
}

const dotTool = requireTool('dot', 'graphviz');

describe.skipIf(dotTool.skip)('job preview --format dot through Graphviz', () => {
  it('prints ONE digraph for several jobs, a cluster per job, that dot -Tsvg draws as one picture', async () => {
    const jobs = await jobCount();
    expect(jobs).toBeGreaterThan(2);
    const r = await runCli(['job', 'preview', ...MANY, '--format', 'dot']);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^digraph /gm)).toHaveLength(1);
    const svg = spawnSync('dot', ['-Tsvg'], { input: r.stdout, encoding: 'utf8' });
    expect(svg.stderr).toBe('');
    expect(svg.status).toBe(0);
    expect(svg.stdout.match(/<svg /g)).toHaveLength(1);
    expect(svg.stdout.match(/class="cluster"/g)).toHaveLength(jobs);
    // Steps named alike in two jobs stay two nodes, each labelled with its own name.
    expect(svg.stdout.match(/<title>j\d+\.end<\/title>/g)).toHaveLength(2);
    expect(svg.stdout).toContain('>转换数据</text>');
  });

  it.each(goldens('dot'))('accepts the golden %s', (file) => {
    const out = spawnSync('dot', ['-Tsvg'], { input: readFileSync(GOLDEN + file, 'utf8'), encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
  });
});

describe('job preview --format mermaid through Mermaid’s parser', () => {
  let mermaid: MermaidParser;
  beforeAll(async () => {
    mermaid = await loadMermaidParser();
  }, 60_000);
  afterAll(async () => {
    await mermaid.close();
  });

  it('rejects what is not one flowchart (the parser is strict)', async () => {
    await expect(mermaid.parse('flowchart LR\n  end --> b\n')).rejects.toThrow(/Parse error/);
    await expect(mermaid.parse('flowchart LR\n  a --> b\nflowchart LR\n  c --> d\n')).rejects.toThrow(/Parse error/);
  });

  it('prints ONE flowchart for several jobs, a subgraph per job, that Mermaid parses', async () => {
    const jobs = await jobCount();
    const r = await runCli(['job', 'preview', ...MANY, '--format', 'mermaid']);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^flowchart /gm)).toHaveLength(1);
    expect(r.stdout.match(/^ {2}subgraph /gm)).toHaveLength(jobs);
    expect(await mermaid.parse(r.stdout)).toBe('flowchart-v2');
  });

  it.each(goldens('mermaid'))('parses the golden %s', async (file) => {
    expect(await mermaid.parse(readFileSync(GOLDEN + file, 'utf8'))).toBe('flowchart-v2');
  });
});
