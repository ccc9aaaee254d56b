/** What meets at a junction cell on the vertical spine between two layers. */
export interface JunctionArms {
  /** A source box's line arrives from the left. */
  left: boolean;
  /** A line leaves to the right, towards a target box. */
  right: boolean;
  /** The spine continues upwards (this is not the topmost connected row). */
  up: boolean;
  /** The spine continues downwards (this is not the bottom connected row). */
  down: boolean;
}

/** The box-drawing glyph for a junction, `─` when it joins nothing vertically. */
export function junctionGlyph({ left, right, up, down }: JunctionArms): string {
  if (left && right) return up && down ? '┼' : down ? '┬' : up ? '┴' : '─';
  if (up && down) return left ? '┤' : right ? '├' : '│';
  if (left) return down ? '┐' : up ? '┘' : '─';
  if (right) return down ? '┌' : up ? '└' : '─';
  return '─';
}
