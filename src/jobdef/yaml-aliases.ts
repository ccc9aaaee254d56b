/**
 * Aliases checked before a document becomes plain data: every `*name` must
 * follow its `&name` and lie outside it, and expanding them may not make the
 * document larger than `MAX_EXPANDED_NODES` values or deeper than
 * `MAX_DEPTH` (an "alias bomb" is a few lines that expand to billions).
 * Without these checks yaml's `toJS` throws, or yields a cyclic value.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { MAX_DEPTH, type YamlProblem } from './yaml-compose.js';

/** The most values a document may hold once its aliases are expanded. */
const MAX_EXPANDED_NODES = 100_000;

interface Size {
  nodes: number;
  depth: number;
}

/** The first alias problem of `doc` in document order, or undefined. */
export function aliasProblem(doc: Document.Parsed): YamlProblem | undefined {
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, Size>();
  const open = new Set<Node>();
  let expanded = 0;

  const walk = (node: unknown): Size | YamlProblem => {
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? 0;
      const target = anchors.get(node.source);
      if (target === undefined)
        return { offset, code: 'BAD_ALIAS', message: `alias *${node.source} has no anchor &${node.source} before it` };
      if (open.has(target)) return { offset, code: 'BAD_ALIAS', message: `alias *${node.source} is inside the node it names` };
      const size = sizes.get(target) ?? { nodes: 1, depth: 1 };
      expanded += size.nodes;
      if (expanded > MAX_EXPANDED_NODES) {
        return {
          offset,
          code: 'ALIAS_BOMB',
          message: `expanding alias *${node.source} makes the document larger than ${MAX_EXPANDED_NODES} values`,
        };
      }
      return size;
    }
    if (!isMap(node) && !isSeq(node) && !isScalar(node)) return { nodes: 0, depth: 0 };
    const n = node as Node;
    if (n.anchor !== undefined) anchors.set(n.anchor, n);
    let nodes = 1;
    let depth = 0;
    if (isMap(node) || isSeq(node)) {
      open.add(n);
      for (const item of node.items as unknown[]) {
        for (const child of isPair(item) ? [item.key, item.value] : [item]) {
          const s = walk(child);
          if ('offset' in s) return s;
          nodes += s.nodes;
          depth = Math.max(depth, s.depth);
        }
      }
      open.delete(n);
      if (depth > MAX_DEPTH)
        return {
          offset: n.range?.[0] ?? 0,
          code: 'TOO_DEEP',
          message: `nesting deeper than ${MAX_DEPTH} levels once aliases are expanded`,
        };
    }
    const size = { nodes, depth: depth + 1 };
    sizes.set(n, size);
    return size;
  };

  const result = walk(doc.contents);
  return 'offset' in result ? result : undefined;
}
