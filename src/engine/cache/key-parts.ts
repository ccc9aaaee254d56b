/**
 * The parts of a cache key, kept with each stored entry so a later miss can
 * say what changed. Each part is named (`command`, `env NAME`, `input
 * scripts/build.sh`, `predecessor extract`…) and holds a short digest of its
 * canonical line(s), never the value itself: a stored entry carries no env
 * value, param or output in clear.
 */
import { createHash } from 'node:crypto';

/** Part name → short digest. */
export type KeyParts = Record<string, string>;

/** Kinds of line whose text after `kind:` starts with a name up to `=`. */
const KEYED = new Set(['env', 'param', 'pred_output', 'input']);

/** The parts of `lines` (from `identityLines`), with each predecessor's hash under `predecessor <name>`. */
export function keyParts(lines: readonly string[], predecessors: readonly { name: string; hash: string }[]): KeyParts {
  const grouped = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    const kind = line.slice(0, colon);
    if (kind === 'pred_hash') continue; // named below
    const rest = line.slice(colon + 1);
    const name = KEYED.has(kind)
      ? `${kind} ${rest.slice(0, rest.indexOf('=') < 0 ? rest.length : rest.indexOf('='))}`
      : kind === 'input_unmatched'
        ? `${kind} ${rest}`
        : kind;
    grouped.set(name, [...(grouped.get(name) ?? []), line]);
  }
  const parts: KeyParts = {};
  for (const [name, group] of grouped) parts[name] = shortDigest(group.join('\n'));
  for (const p of predecessors) parts[`predecessor ${p.name}`] = shortDigest(p.hash);
  return parts;
}

/** The blob stored with an entry (`hash_input_blob`). */
export function partsBlob(parts: KeyParts): { keyParts: KeyParts } {
  return { keyParts: parts };
}

/** The parts of a stored blob, or undefined when the entry has none (written before parts were kept). */
export function partsOfBlob(blob: unknown): KeyParts | undefined {
  if (typeof blob !== 'object' || blob === null || !('keyParts' in blob)) return undefined;
  const parts = blob.keyParts;
  if (typeof parts !== 'object' || parts === null) return undefined;
  return Object.fromEntries(Object.entries(parts).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** What differs between the parts of a stored entry and of the new key, in words, sorted. */
export function changedParts(before: KeyParts, now: KeyParts): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(now)])].sort();
  const out: string[] = [];
  for (const name of names) {
    const was = before[name];
    const is = now[name];
    if (was === is) continue;
    out.push(describe(name, was === undefined ? 'added' : is === undefined ? 'removed' : 'changed'));
  }
  return out;
}

function describe(name: string, how: 'added' | 'removed' | 'changed'): string {
  const space = name.indexOf(' ');
  const kind = space < 0 ? name : name.slice(0, space);
  const what = space < 0 ? '' : name.slice(space + 1);
  switch (kind) {
    case 'input':
      return how === 'changed'
        ? `input file ${what} changed`
        : how === 'added'
          ? `input file ${what} is new`
          : `input file ${what} is gone`;
    case 'input_unmatched':
      return how === 'added' ? `input pattern ${what} now matches no file` : `input pattern ${what} now matches files`;
    case 'env':
      return `env ${what} ${how}`;
    case 'param':
      return `param ${what} ${how}`;
    case 'pred_output': {
      const [step, key] = [what.slice(0, what.indexOf(':')), what.slice(what.indexOf(':') + 1)];
      return `output ${key} of predecessor ${step} ${how}`;
    }
    case 'predecessor':
      return how === 'changed' ? `predecessor ${what} has a new key` : `predecessor ${what} ${how}`;
    case 'image_digest':
      return `image digest ${how}`;
    case 'cache_version':
      return 'cache version changed';
    case 'mount':
      return 'mounts changed';
    case 'volume_mount':
      return 'volume mounts changed';
    default:
      return `${kind} ${how}`;
  }
}

function shortDigest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}
