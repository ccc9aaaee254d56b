/**
 * Field-level differences between two job definitions (as JSON values, e.g.
 * two `JobSpec`s): what `caesium job diff` prints under an update, such as
 * `~ steps[1].image: alpine:3.20 → alpine:3.23`.
 *
 * Objects are compared key by key (in the order of the new value, then keys
 * only the old one has); arrays of objects (steps, callbacks, mounts) element
 * by element; arrays of scalars (`command`, `dependsOn`) and scalars as a
 * whole. Object key order never counts as a change; a member whose value is
 * `undefined` counts as absent.
 */

/** One field that differs. */
export interface FieldChange {
  /** `steps[1].image`, `metadata.labels.team`, `metadata.labels["app.kubernetes.io/name"]`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** The old value (absent when added). */
  before?: unknown;
  /** The new value (absent when removed). */
  after?: unknown;
}

/** The fields that differ from `before` to `after`, in document order. */
export function diffDefinitions(before: unknown, after: unknown): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(before, after, '', changes);
  return changes;
}

function walk(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !(k in after))];
    for (const key of keys) {
      const child = path === '' ? keyPath('', key).replace(/^\./, '') : keyPath(path, key);
      const b = before[key];
      const a = after[key];
      if (b === undefined && a === undefined) continue;
      if (b === undefined) out.push({ path: child, kind: 'added', after: a });
      else if (a === undefined) out.push({ path: child, kind: 'removed', before: b });
      else walk(b, a, child, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && (before.some(isRecord) || after.some(isRecord))) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const child = `${path}[${i}]`;
      if (i >= before.length) out.push({ path: child, kind: 'added', after: after[i] });
      else if (i >= after.length) out.push({ path: child, kind: 'removed', before: before[i] });
      else walk(before[i], after[i], child, out);
    }
    return;
  }
  if (canonical(before) !== canonical(after)) out.push({ path, kind: 'changed', before, after });
}

/** One line of a change: `~ path: old → new`, `+ path: new`, `- path: old`. */
export function formatChange(change: FieldChange): string {
  switch (change.kind) {
    case 'added':
      return `+ ${change.path}: ${formatValue(change.after)}`;
    case 'removed':
      return `- ${change.path}: ${formatValue(change.before)}`;
    case 'changed':
      return `~ ${change.path}: ${formatValue(change.before)} → ${formatValue(change.after)}`;
  }
}

/** A value on one line: plain strings bare (`alpine:3.20`), anything else as compact JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string' && value !== '' && value.trim() === value && !/[\n\r"]|→/.test(value)) return value;
  return JSON.stringify(value) ?? 'null';
}

function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** JSON with object keys sorted, so key order never counts as a difference. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      isRecord(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, v[k]]),
          )
        : v,
    ) ?? 'undefined'
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
