/**
 * What a definition value was read from, and where its nodes are. A YAML
 * document gives each node a line and column; a bare value (a REST body)
 * gives its nodes only their order, and a diagnostic names the node by its
 * field path alone (line and column 0).
 */
import type { LoadedDocument } from './load.js';
import { offsetOf, type FieldPath } from './position.js';
import { isObj } from './values.js';

/** A definition as parsed JSON without source text, named in diagnostics by `file` (e.g. `definitions[0]`). */
export interface ValueSource {
  file: string;
  value: unknown;
}

/** A YAML document (with positions) or a bare value. */
export type DefinitionSource = LoadedDocument | ValueSource;

/** A node's place: line and column (0 and 0 without source text), and its rank in document order. */
export interface NodePlace {
  line: number;
  col: number;
  rank: number;
}

/** Places the node at `path` (with `key`, its key); a missing node is placed at its nearest ancestor. */
export type Locate = (path: FieldPath, key: boolean) => NodePlace;

/** Whether the source has YAML text behind it. */
export function isDocument(source: DefinitionSource): source is LoadedDocument {
  return 'lineCounter' in source;
}

/** The locator of a source. */
export function locator(source: DefinitionSource): Locate {
  if (isDocument(source)) {
    return (path, key) => {
      const rank = offsetOf(source.doc, path, { key });
      const { line, col } = source.lineCounter.linePos(rank);
      return { line, col, rank };
    };
  }
  let order: ValueOrder | undefined;
  return (path, key) => ({ line: 0, col: 0, rank: (order ??= new ValueOrder(source.value)).rank(path, key) });
}

/**
 * The order in which YAML text of a value would place its nodes: a key before
 * its value, a mapping where its first key is, a list before its items.
 * Ranks follow the same rules as `offsetOf`, so diagnostics sort the same.
 */
class ValueOrder {
  readonly #ranks = new Map<string, number>();
  #next = 0;

  constructor(private readonly root: unknown) {
    this.#visit(root, []);
  }

  rank(path: FieldPath, key: boolean): number {
    let node = this.root;
    const at: (string | number)[] = [];
    let best = this.#rank('v', at);
    for (let i = 0; i < path.length; i++) {
      const seg = path[i] as string | number;
      if (isObj(node)) {
        const name = String(seg);
        if (!Object.prototype.hasOwnProperty.call(node, name)) break;
        at.push(name);
        if (i === path.length - 1 && key) return this.#rank('k', at);
        node = node[name];
      } else if (Array.isArray(node) && typeof seg === 'number' && seg >= 0 && seg < node.length) {
        at.push(seg);
        node = node[seg] as unknown;
      } else {
        break;
      }
      best = this.#rank('v', at);
    }
    return best;
  }

  #visit(v: unknown, at: (string | number)[]): void {
    if (isObj(v)) {
      const keys = Object.keys(v);
      if (keys.length === 0) this.#set('v', at, this.#next++);
      for (const key of keys) {
        const child = [...at, key];
        this.#set('k', child, this.#next++);
        this.#visit(v[key], child);
      }
      if (keys.length > 0) this.#set('v', at, this.#rank('k', [...at, keys[0] as string]));
    } else if (Array.isArray(v)) {
      this.#set('v', at, this.#next++);
      v.forEach((item: unknown, i) => this.#visit(item, [...at, i]));
    } else {
      this.#set('v', at, this.#next++);
    }
  }

  #set(kind: 'k' | 'v', at: readonly (string | number)[], rank: number): void {
    this.#ranks.set(kind + JSON.stringify(at), rank);
  }

  #rank(kind: 'k' | 'v', at: readonly (string | number)[]): number {
    return this.#ranks.get(kind + JSON.stringify(at)) ?? 0;
  }
}
