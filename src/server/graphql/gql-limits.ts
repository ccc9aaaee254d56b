/**
 * Depth and cost limits of `/gql` (docs/operator-consoles.md), checked on the
 * parsed, validated operation before anything runs. Depth counts nested
 * selections (fragments included). Cost counts one per field, and a list
 * field multiplies what is below it by its `limit` argument (or its default),
 * so `jobs { runs { tasks { name } } }` costs what it could read. The
 * introspection fields (`__schema`, `__type`) read only the static schema and
 * are not counted. The schema has no cycles today, so depth is also bounded
 * by it; the depth limit keeps that true if a back link (a run's job) is added.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { LIST_DEFAULTS } from './gql-schema.js';

const MAX_DEPTH = 6;
const MAX_COST = 100_000;
/** Task runs, tasks, labels and params have no `limit`: each counts as this many. */
const UNPAGED_LIST = 10;
const UNPAGED = new Set(['tasks', 'labels', 'params']);

/** The first limit the operation breaks, as a message; undefined when it keeps both. */
export function checkLimits(
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): string | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    if (d.kind === Kind.OPERATION_DEFINITION) operations.push(d);
  }
  const operation = operationName === undefined ? operations[0] : operations.find((o) => o.name?.value === operationName);
  if (operation === undefined) return undefined; // execute() reports the missing operation

  const walk = (set: SelectionSetNode, depth: number): { depth: number; cost: number } => {
    let deepest = depth;
    let cost = 0;
    for (const selection of set.selections) {
      let inner: { depth: number; cost: number } | undefined;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const below = selection.selectionSet === undefined ? { depth, cost: 0 } : walk(selection.selectionSet, depth + 1);
        inner = { depth: below.depth, cost: 1 + multiplier(selection.name.value, selection.arguments ?? [], variables) * below.cost };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = walk(selection.selectionSet, depth);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment !== undefined) inner = walk(fragment.selectionSet, depth);
      }
      if (inner === undefined) continue;
      deepest = Math.max(deepest, inner.depth);
      cost += inner.cost;
    }
    return { depth: deepest, cost };
  };
  const { depth, cost } = walk(operation.selectionSet, 1);
  if (depth > MAX_DEPTH) return `query is too deep: ${depth} levels of fields, at most ${MAX_DEPTH} are allowed`;
  if (cost > MAX_COST)
    return `query is too expensive: it could read ${cost} fields, at most ${MAX_COST} are allowed; ask for smaller pages (limit)`;
  return undefined;
}

type Args = readonly { name: { value: string }; value: { kind: Kind; value?: unknown; name?: { value: string } } }[];

function multiplier(field: string, args: Args, variables: Record<string, unknown>): number {
  if (UNPAGED.has(field)) return UNPAGED_LIST;
  const fallback = (LIST_DEFAULTS as Record<string, number>)[field];
  if (fallback === undefined) return 1;
  const arg = args.find((a) => a.name.value === 'limit')?.value;
  const raw = arg === undefined ? fallback : arg.kind === Kind.VARIABLE ? variables[arg.name!.value] : Number(arg.value);
  return typeof raw === 'number' && Number.isFinite(raw) && raw > 0 ? raw : fallback;
}
