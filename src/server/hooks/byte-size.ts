/**
 * Byte sizes as `CAESIUM_*` variables spell them (docs/decisions.md §16): a bare
 * integer, or a number with `B`, `KB`/`MB`/`GB` (powers of 10) or
 * `KiB`/`MiB`/`GiB` (powers of 2); units are case-insensitive.
 */
const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30 };

/** The size in bytes, or undefined when `text` is not a size. */
export function parseByteSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  if (m === null) return undefined;
  const unit = UNITS[m[2]!.toLowerCase()];
  return unit === undefined ? undefined : Math.floor(Number(m[1]) * unit);
}
