/**
 * The fuzz corpus generator: mutated copies of real job and harness files,
 * seeded and deterministic (the same seed gives the same corpus on every
 * machine). Besides random edits it plants the inputs that once crashed the
 * loader: aliases before their anchor or without one, alias bombs, nesting
 * thousands of levels deep and floods of unbalanced brackets.
 */

/** A small seeded generator (mulberry32): deterministic, no dependency. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
type Mutation = (text: string, rng: Rng) => string;

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)] as T;
const at = (text: string, rng: Rng): number => int(rng, text.length + 1);
const insert = (text: string, i: number, s: string): string => text.slice(0, i) + s + text.slice(i);
/** The start of a random line. */
const lineStart = (text: string, rng: Rng): number => {
  const i = text.lastIndexOf('\n', at(text, rng) - 1);
  return i < 0 ? 0 : i + 1;
};

const TOKENS = [
  ':',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '*nope',
  '!!map ',
  '? ',
  '|',
  '>',
  '"',
  "'",
  '#',
  '\t',
  '\n',
  '---\n',
  '~',
  '%YAML 1.2\n',
  '<<: *a\n',
];

const MUTATIONS: readonly Mutation[] = [
  // Small random edits.
  (t, r) => insert(t, at(t, r), pick(r, TOKENS)),
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + 1 + int(r, 20));
  },
  (t, r) => {
    const i = at(t, r);
    return insert(t, at(t, r), t.slice(i, i + 1 + int(r, 80)));
  },
  (t, r) => {
    const i = lineStart(t, r);
    return insert(t, i, ' '.repeat(1 + int(r, 4)));
  },
  (t, r) => t.slice(0, at(t, r)),
  (t, r) => {
    const lines = t.split('\n');
    const i = int(r, lines.length);
    const j = int(r, lines.length);
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
    return lines.join('\n');
  },
  // Aliases: undefined, used before the anchor, inside their own anchor.
  (t, r) => insert(t, lineStart(t, r), `x${int(r, 99)}: *nope\n`),
  (t) => `early: *late\n${t}\nlate: &late 1\n`,
  (t) => t.replace(/^(\w+):/m, '$1: &self\n  loop: *self\n  was:'),
  // An alias bomb: each level repeats the one before ten times.
  (t, r) => {
    const levels = 4 + int(r, 6);
    const bomb = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let k = 1; k < levels; k++) bomb.push(`l${k}: &l${k} [${Array.from({ length: 10 }, () => `*l${k - 1}`).join(', ')}]`);
    return `${bomb.join('\n')}\n${t}`;
  },
  // Deep nesting: flow, block sequences, block mappings.
  (t, r) => insert(t, at(t, r), '['.repeat(50 + int(r, 3000))),
  (t, r) => {
    const n = 50 + int(r, 2000);
    return `${t}\ndeep: ${'['.repeat(n)}1${']'.repeat(n)}\n`;
  },
  (t, r) => `${t}\ndeep:\n${Array.from({ length: 60 + int(r, 200) }, (_, k) => `${' '.repeat(k + 1)}- `).join('\n')}x\n`,
  (t, r) => `${t}\ndeep:\n${Array.from({ length: 60 + int(r, 200) }, (_, k) => `${' '.repeat(k + 1)}k${k}:`).join('\n')} x\n`,
  (t, r) => `${t}\n${'- '.repeat(60 + int(r, 2000))}x\n`,
  // Floods: unbalanced brackets, many broken lines.
  (t, r) => insert(t, at(t, r), Array.from({ length: 200 + int(r, 3000) }, () => pick(r, ['[', ']', '{', '}', ',', ':'])).join('')),
  (t, r) => `${t}\n${'a: b: c\n'.repeat(50 + int(r, 400))}`,
  (t, r) => `${t}\n${']}'.repeat(100 + int(r, 1500))}`,
];

/**
 * `count` mutants of `seeds` (file texts), each the result of one to four
 * mutations of a seed; the same arguments give the same list.
 */
export function mutants(seeds: readonly string[], count: number, seed: number): string[] {
  const rng = random(seed);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let text = pick(rng, seeds);
    const edits = 1 + int(rng, 4);
    for (let k = 0; k < edits; k++) text = pick(rng, MUTATIONS)(text, rng);
    out.push(text);
  }
  return out;
}
