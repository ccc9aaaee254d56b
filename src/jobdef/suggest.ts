/**
 * "Did you mean" support: the nearest known key to an unknown one.
 */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows: two back (for transpositions), previous, current.
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      }
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] as number;
}

/** Largest distance still worth suggesting for a word of this length. */
function threshold(length: number): number {
  if (length <= 3) return 1;
  if (length <= 6) return 2;
  return 3;
}

/**
 * The candidate nearest to `word`, or undefined when none is close enough.
 * Case and `_`/`-` separators are ignored first (`workDir` → `workdir`,
 * `depends_on` → `dependsOn`); ties go to the earlier candidate.
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const folded = fold(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = fold(c) === folded ? 0 : Math.min(editDistance(word, c), editDistance(folded, fold(c)) + 0.5);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= threshold(word.length) ? best : undefined;
}

function fold(s: string): string {
  return s.toLowerCase().replace(/[-_]/g, '');
}

/** A hint for a value outside a fixed list: the nearest allowed value, or the fallback. */
export function choiceHint(value: string, allowed: readonly string[], fallback: string): string {
  const near = suggest(value, allowed);
  return near !== undefined && near !== value ? `did you mean ${JSON.stringify(near)}?` : fallback;
}
