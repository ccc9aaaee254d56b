/**
 * The one redaction every view applies to what a definition carries
 * (docs/security.md): a literal value of a secret-bearing field (`secret`,
 * `token`, `password`, …) or of any member of a `headers` object becomes
 * `***`; a `secret://` reference is shown as written, since it names a secret
 * without holding it. Values are copied, never changed in place.
 */
import type { FieldChange } from '../../jobdef/diff.js';
import { SECRET_KEYS, secretBearingEnv } from '../../jobdef/secret-names.js';

/** What a redacted value reads as. */
const REDACTED = '***';

/** Whether a member named `key` (under a member named `parent`) holds a secret. */
function secretBearing(key: string, parent: string | undefined): boolean {
  return SECRET_KEYS.has(key.toLowerCase()) || parent?.toLowerCase() === 'headers';
}

/** An env map as shown, and the names whose literal values read `***` (a `secret://` reference stays as written). */
export function redactedEnv(env: Readonly<Record<string, string>>): { env: Record<string, string>; redacted: string[] } {
  const out: Record<string, string> = {};
  const names: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    const masked = secretBearingEnv(name) ? (mask(value) as string) : value;
    if (masked !== value) names.push(name);
    out[name] = masked;
  }
  return { env: out, redacted: names };
}

/** A leaf as shown: a `secret://` reference verbatim, anything else `***`. */
function mask(value: unknown): unknown {
  if (typeof value === 'string' && value.trim().startsWith('secret://')) return value;
  if (value === null || value === undefined || value === '') return value;
  if (typeof value === 'object') return redacted(value, undefined, true);
  return REDACTED;
}

/** A copy of `value` with secrets masked; `key` is the name of the member holding it. */
export function redacted<T>(value: T, key?: string, masking = false): T {
  if (Array.isArray(value)) return (value as unknown[]).map((v: unknown) => (masking ? mask(v) : redacted(v, key))) as T;
  if (value === null || typeof value !== 'object') return (masking ? mask(value) : value) as T;
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
    out[name] = masking || secretBearing(name, key) ? mask(member) : redacted(member, name);
  }
  return out as T;
}

/** One change of a definition diff with its values redacted by their path; a changed secret stays a `changed` `*** → ***`. */
export function redactedChange(change: FieldChange): FieldChange {
  const names = pathNames(change.path);
  const key = names[names.length - 1];
  const masking = key !== undefined && secretBearing(key, names[names.length - 2]);
  const out: FieldChange = { path: change.path, kind: change.kind };
  if ('before' in change) out.before = masking ? mask(change.before) : redacted(change.before, key);
  if ('after' in change) out.after = masking ? mask(change.after) : redacted(change.after, key);
  return out;
}

/** The member names of a diff path (`callbacks[0].configuration.headers["X-Key"]` → callbacks, configuration, headers, X-Key); indexes are skipped. */
function pathNames(path: string): string[] {
  const names: string[] = [];
  for (const m of path.matchAll(/(?:^|\.)([A-Za-z_$][\w$-]*)|\[("(?:[^"\\]|\\.)*")\]/g)) {
    names.push(m[1] ?? (JSON.parse(m[2] as string) as string));
  }
  return names;
}
