import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter();

/** A user-perceived character and the terminal cells it takes (0, 1 or 2: CJK and most emoji take 2). */
export interface Glyph {
  text: string;
  width: number;
}

/** The graphemes of `s` with their display widths. */
export function glyphs(s: string): Glyph[] {
  return Array.from(segmenter.segment(s), ({ segment }) => ({ text: segment, width: stringWidth(segment) }));
}

/** The width of `s` in terminal cells: `数据` takes 4, `é` (e and a combining accent) takes 1. */
export function cellWidth(s: string): number {
  return stringWidth(s);
}
