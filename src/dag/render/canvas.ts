import { glyphs } from './cells.js';

/** A fixed-size grid of terminal cells, drawn on and then printed as text. */
export class Canvas {
  private readonly rows: string[][];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rows = Array.from({ length: height }, () => Array<string>(width).fill(' '));
  }

  /** Sets one cell; cells outside the grid are ignored. */
  set(x: number, y: number, ch: string): void {
    const row = this.rows[y];
    if (row !== undefined && x >= 0 && x < this.width) row[x] = ch;
  }

  /** Fills cells x1..x2 (inclusive) of row y; nothing when x2 < x1. */
  hline(x1: number, x2: number, y: number, ch: string): void {
    for (let x = x1; x <= x2; x++) this.set(x, y, ch);
  }

  /** Fills cells y1..y2 (inclusive, either order) of column x. */
  vline(x: number, y1: number, y2: number, ch: string): void {
    for (let y = Math.min(y1, y2); y <= Math.max(y1, y2); y++) this.set(x, y, ch);
  }

  /**
   * Writes text left to right from (x, y) by display width: a wide (CJK) character
   * fills two cells (the second left empty), a zero-width one joins the cell before.
   */
  text(x: number, y: number, s: string): void {
    let at = x;
    for (const g of glyphs(s)) {
      if (g.width === 0 && at > x) {
        this.set(at - 1, y, `${this.get(at - 1, y)}${g.text}`);
        continue;
      }
      const width = Math.max(1, g.width);
      this.set(at, y, g.text);
      for (let k = 1; k < width; k++) this.set(at + k, y, '');
      at += width;
    }
  }

  /** The content of one cell ('' outside the grid). */
  private get(x: number, y: number): string {
    return this.rows[y]?.[x] ?? '';
  }

  /** Every row with trailing spaces trimmed, each ending in a newline. */
  toString(): string {
    return this.rows.map((row) => `${row.join('').trimEnd()}\n`).join('');
  }
}
