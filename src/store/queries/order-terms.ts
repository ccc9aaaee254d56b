/** `order_by` of the list queries as SQL: allow-listed columns only (docs/decisions.md §11.4). */
import { sql, type RawBuilder } from 'kysely';
import type { SortKey } from '../ports/inventory.js';

/** ORDER BY terms: the allow-listed columns, then the default keys as tie-breakers (so pages are stable). */
export function orderTerms(
  keys: readonly SortKey<string>[],
  columns: Readonly<Record<string, string>>,
  defaults: readonly string[],
): RawBuilder<unknown> {
  const terms: RawBuilder<unknown>[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    const column = columns[key.column];
    if (column === undefined || seen.has(column)) continue;
    seen.add(column);
    terms.push(sql`${sql.ref(column)} ${sql.raw(key.direction === 'desc' ? 'desc' : 'asc')}`);
  }
  for (const column of defaults) if (!seen.has(column)) terms.push(sql`${sql.ref(column)} asc`);
  return sql.join(terms);
}
