import { describe, expect, it } from 'vitest';
import { renderAscii, renderAsciiLayers } from '../../src/dag/render/ascii.js';
import { dotQuote, renderDot } from '../../src/dag/render/dot.js';
import { junctionGlyph } from '../../src/dag/render/junction.js';
import { mermaidIds, renderMermaid } from '../../src/dag/render/mermaid.js';
import { dag } from './shapes.js';

describe('renderAscii', () => {
  it('prints (empty DAG) for no steps', () => {
    expect(renderAscii(dag(''))).toBe('(empty DAG)\n');
  });

  it('joins adjacent layers all-to-all when no edge connects them', () => {
    const out = renderAsciiLayers([['a', 'b'], ['c']], new Map());
    expect(out).toBe(
      ['┌───┐      ┌───┐', '│ a │───┬─>│ c │', '└───┘   │  └───┘', '        │', '┌───┐   │', '│ b │───┘', '└───┘', ''].join('\n'),
    );
  });

  it('never joins sources that do not share all their targets: each group gets its own lane', () => {
    // x reaches j1 only; y reaches j1 and j2. One shared spine would claim x -> j2.
    expect(renderAscii(dag('x y j1 j2', 'x>j1 y>j1 y>j2')).split('\n')).toEqual([
      '┌───┐           ┌────┐',
      '│ x │────────┌─>│ j1 │',
      '└───┘        │  └────┘',
      '         ┌───┤',
      '┌───┐    │   │  ┌────┐',
      '│ y │────┘   └─>│ j2 │',
      '└───┘           └────┘',
      '',
    ]);
  });

  it('draws unconnected pairs of rows as separate lines, not one spine', () => {
    expect(renderAscii(dag('a1 b1 a2 b2', 'a1>a2 b1>b2')).split('\n')).toEqual([
      '┌────┐      ┌────┐',
      '│ a1 │─────>│ a2 │',
      '└────┘      └────┘',
      '',
      '┌────┐      ┌────┐',
      '│ b1 │─────>│ b2 │',
      '└────┘      └────┘',
      '',
    ]);
  });

  it('crosses a foreign spine with a plain │, never a junction', () => {
    // b's line to y passes a's spine (a reaches x and z, not y).
    expect(renderAscii(dag('a b c x y z', 'a>x a>z b>y c>x')).split('\n')).toEqual([
      '┌───┐               ┌───┐',
      '│ a │──┐     ┌─────>│ z │',
      '└───┘  │     │      └───┘',
      '       │     │',
      '┌───┐  └─────┤      ┌───┐',
      '│ b │────────│─────>│ y │',
      '└───┘        │      └───┘',
      '             │',
      '┌───┐        │      ┌───┐',
      '│ c │────────└─────>│ x │',
      '└───┘               └───┘',
      '',
    ]);
  });

  it('measures wide (CJK) names in terminal cells, so their boxes close', () => {
    const out = renderAscii(dag('数据 处理步骤 e', '数据>处理步骤 数据>e'));
    expect(out.split('\n')).toEqual([
      '┌──────┐      ┌──────────┐',
      '│ 数据 │───┬─>│    e     │',
      '└──────┘   │  └──────────┘',
      '           │',
      '           │  ┌──────────┐',
      '           └─>│ 处理步骤 │',
      '              └──────────┘',
      '',
    ]);
  });

  it('gives the same drawing whatever the order edges are listed in', () => {
    const g = dag('s a b c j', 's>a s>b s>c a>j b>j c>j');
    expect(renderAscii({ ...g, edges: [...g.edges].reverse() })).toBe(renderAscii(g));
  });
});

describe('junctionGlyph', () => {
  // (left, right, up, down) → glyph, as the original's table.
  const table: [boolean, boolean, boolean, boolean, string][] = [
    [true, true, true, true, '┼'],
    [true, true, false, true, '┬'],
    [true, true, true, false, '┴'],
    [true, false, true, true, '┤'],
    [false, true, true, true, '├'],
    [true, true, false, false, '─'],
    [false, false, true, true, '│'],
    [true, false, false, true, '┐'],
    [true, false, true, false, '┘'],
    [false, true, false, true, '┌'],
    [false, true, true, false, '└'],
    [true, false, false, false, '─'],
    [false, true, false, false, '─'],
    [false, false, true, false, '─'],
    [false, false, false, true, '─'],
    [false, false, false, false, '─'],
  ];
  it.each(table)('left=%s right=%s up=%s down=%s → %s', (left, right, up, down, glyph) => {
    expect(junctionGlyph({ left, right, up, down })).toBe(glyph);
  });
});

describe('renderMermaid', () => {
  it('gives unique, keyword-safe ids', () => {
    expect([...mermaidIds(['a-b', 'a_b', 'a.b', 'end', 'a_b_2'])]).toEqual([
      ['a-b', 's_a_b'],
      ['a_b', 's_a_b_2'],
      ['a.b', 's_a_b_3'],
      ['end', 's_end'],
      ['a_b_2', 's_a_b_2_2'],
    ]);
  });

  it('omits the front matter without a title and handles an empty graph', () => {
    expect(renderMermaid(dag(''))).toBe('flowchart LR\n');
    expect(renderMermaid(dag('a? b', 'a>b'))).toBe('flowchart LR\n  s_a{"a"}\n  s_b["b"]\n  s_a --> s_b\n');
  });

  it('quotes a title as YAML', () => {
    expect(renderMermaid(dag('a'), 'it\'s "x"').split('\n')[1]).toBe('title: "it\'s \\"x\\""');
  });
});

describe('renderDot', () => {
  it('escapes quotes, backslashes and newlines', () => {
    expect(dotQuote('a "b" \\c\nd')).toBe('"a \\"b\\" \\\\c\\nd"');
  });

  it('names the graph dag by default', () => {
    expect(renderDot(dag(''))).toBe('digraph "dag" {\n  rankdir=LR;\n}\n');
  });
});
