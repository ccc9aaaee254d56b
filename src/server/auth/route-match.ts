/**
 * Matching a request against the route table: `:name` is one path segment,
 * a trailing `*` any rest. Used by the auth middleware (which role) and the
 * method guard (405 with `Allow`).
 */
import { ROUTE_ROLES, type Access } from './route-roles.js';

export interface RouteEntry {
  method: string;
  pattern: string;
  access: Access;
  /** Segments that are `:params`: fewer wins when two patterns match. */
  params: number;
  regex: RegExp;
}

const ENTRIES: RouteEntry[] = Object.entries(ROUTE_ROLES).map(([key, access]) => {
  const [method = '', pattern = ''] = key.split(' ');
  const source = pattern
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return { method, pattern, access, params: (pattern.match(/\/:/g) ?? []).length, regex: new RegExp(`^${source}/?$`) };
});

/** The table entry for `method path` (HEAD counts as GET), and every method the path has. */
export function matchRoute(method: string, path: string): { entry: RouteEntry | undefined; allowed: string[] } {
  const wanted = method === 'HEAD' ? 'GET' : method;
  const hits = ENTRIES.filter((e) => e.regex.test(path));
  const entry = hits.filter((e) => e.method === wanted).sort((a, b) => a.params - b.params)[0];
  const allowed = [...new Set(hits.map((e) => e.method))];
  return { entry, allowed };
}

/** The value of `:id` in a `/v1/jobs/:id/…` path, when `entry` is such a route. */
export function jobIdOf(entry: RouteEntry, path: string): string | undefined {
  if (!entry.pattern.startsWith('/v1/jobs/:id')) return undefined;
  return path.split('/')[3];
}

/** Every `METHOD path` in the table. */
export const tableKeys = (): string[] => ENTRIES.map((e) => `${e.method} ${e.pattern}`);
