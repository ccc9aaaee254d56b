// Golden files: the exact bytes `caesium job preview` (and --format mermaid|dot) print.
// UPDATE_GOLDEN=1 rewrites them; read every changed file before committing it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DagInput } from '../../src/dag/graph.js';
import { renderAscii } from '../../src/dag/render/ascii.js';
import { renderDot } from '../../src/dag/render/dot.js';
import { renderMermaid } from '../../src/dag/render/mermaid.js';
import { shapes } from './shapes.js';

const dir = fileURLToPath(new URL('../golden/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

const renderers: Record<string, (g: DagInput, name: string) => string> = {
  ascii: (g) => renderAscii(g),
  mermaid: (g, name) => renderMermaid(g, name),
  dot: (g, name) => renderDot(g, name),
};

describe.each(Object.entries(shapes))('golden %s', (name, g) => {
  it.each(Object.keys(renderers))('%s', (kind) => {
    const file = `${dir}${name}.${kind}.txt`;
    const actual = renderers[kind]!(g, name);
    if (update || !existsSync(file)) {
      if (!update) throw new Error(`missing golden ${file}; run with UPDATE_GOLDEN=1 and review it`);
      writeFileSync(file, actual);
    }
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});
