/**
 * `order_by` of the list endpoints (docs/decisions.md §11.4): a comma list of
 * `column`, `column asc` or `column desc` over an allow-list of columns.
 * The original passed the text to SQL as is; caesium never does: anything
 * else is a 400 that names the allowed columns.
 */
import type { Context } from 'hono';
import type { SortKey } from '../store/ports/inventory.js';
import { badRequest } from './http-error.js';

const MAX_KEYS = 5;

/** Parses `order_by` (absent or empty: no keys, the list's default order). */
export function orderByParam<C extends string>(c: Context, allowed: readonly C[]): SortKey<C>[] {
  const raw = c.req.query('order_by');
  if (raw === undefined || raw.trim() === '') return [];
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length > MAX_KEYS) throw badRequest(`order_by takes at most ${MAX_KEYS} columns; got ${parts.length}`);
  const keys: SortKey<C>[] = [];
  for (const part of parts) {
    const m = /^([a-z_]+)(?:\s+(asc|desc))?$/i.exec(part);
    const column = m?.[1]?.toLowerCase();
    if (m === null || column === undefined || !(allowed as readonly string[]).includes(column)) {
      throw badRequest(`invalid order_by "${part}": use column [asc|desc] with a column among ${allowed.join(', ')}`);
    }
    if (keys.some((k) => k.column === column)) throw badRequest(`order_by names ${column} twice`);
    keys.push({ column: column as C, direction: m[2]?.toLowerCase() === 'desc' ? 'desc' : 'asc' });
  }
  return keys;
}
