/**
 * `paramMapping` (docs/decisions.md §8, D15): run parameters picked out of a JSON
 * body by a JSONPath subset. `$` is the whole body; `.key` indexes an object
 * by key, or an array when the key is a decimal index (`$.items.0.id`);
 * `[n]` indexes an array (`$.items[0].id`, `$[0]`). A missing path or `null`
 * leaves the parameter out; a body that is not JSON yields no parameters.
 *
 * Values as text: strings verbatim, numbers in plain decimal (no exponent),
 * `true`/`false`, objects and arrays as compact JSON.
 */

/** The parameters `mapping` extracts from `body` (raw bytes). */
export function extractParams(mapping: Readonly<Record<string, string>>, body: Uint8Array): Record<string, string> {
  const names = Object.keys(mapping);
  if (names.length === 0) return {};
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    return {};
  }
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = resolvePath(document, mapping[name]!);
    if (value !== undefined && value !== null) out[name] = renderValue(value);
  }
  return out;
}

/** The value at `path` in `document`; undefined when the path does not resolve or is not in the subset. */
export function resolvePath(document: unknown, path: string): unknown {
  const segments = parsePath(path.trim());
  if (segments === undefined) return undefined;
  let at: unknown = document;
  for (const segment of segments) {
    if (Array.isArray(at)) {
      if (!/^\d+$/.test(segment.key)) return undefined;
      at = at[Number(segment.key)];
    } else if (typeof at === 'object' && at !== null && !segment.bracket && Object.prototype.hasOwnProperty.call(at, segment.key)) {
      at = (at as Record<string, unknown>)[segment.key];
    } else {
      return undefined;
    }
  }
  return at;
}

interface Segment {
  key: string;
  /** Written as `[n]` (an array index only). */
  bracket: boolean;
}

const SEGMENT = /\.([^.\s[\]]+)|\[([0-9]+)\]/y;

function parsePath(path: string): Segment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: Segment[] = [];
  SEGMENT.lastIndex = 1;
  while (SEGMENT.lastIndex < path.length) {
    const m = SEGMENT.exec(path);
    if (m === null) return undefined;
    segments.push(m[1] !== undefined ? { key: m[1], bracket: false } : { key: m[2]!, bracket: true });
  }
  return segments;
}

/** A JSON value as parameter text. */
function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return plainDecimal(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/** The shortest round-trip digits of `n` without an exponent (`1e21` → `1000000000000000000000`). */
export function plainDecimal(n: number): string {
  const text = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (m === null) return text;
  const [, sign, lead, rest = '', exp] = m;
  const digits = `${lead}${rest}`;
  const point = 1 + Number(exp); // where the decimal point goes in `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
