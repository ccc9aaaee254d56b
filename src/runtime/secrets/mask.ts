/** Replaces resolved secret values in a task's output with `***` (pure). */

const MASK = '***';

/** A masker for `values`; the longest value is replaced first, a value of several lines also line by line. */
export function secretMasker(values: readonly string[]): (text: string) => string {
  const parts = new Set<string>();
  for (const value of values) {
    if (value === '') continue;
    parts.add(value);
    for (const line of value.split(/\r?\n/)) if (line.trim() !== '') parts.add(line);
  }
  const ordered = [...parts].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const part of ordered) if (out.includes(part)) out = out.split(part).join(MASK);
    return out;
  };
}
