/**
 * Guards for walking a parsed YAML document whose shape is not yet known.
 */

export type Obj = Record<string, unknown>;

/** A mapping (not null, not a list). */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value when it is a string, else undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** True when a required value is absent: missing, null, or blank text. */
export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Quotes like Go's `%q` for ordinary text: `"name"`. */
export function q(v: unknown): string {
  return JSON.stringify(typeof v === 'string' ? v : String(v));
}

/** Own property lookup that ignores inherited keys (`constructor`, `__proto__`). */
export function own(o: Obj, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** Describes a value's YAML type for messages: `a number`, `a list`, … */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v === 'object' ? 'a mapping' : typeof v;
}
