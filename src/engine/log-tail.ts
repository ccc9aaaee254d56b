/**
 * The last lines of a task's output, shown under a failed step so the reader
 * need not re-run it (`caesium dev`, harness failures, `caesium run get`).
 * Protocol lines (`##caesium::output`, `##caesium::branch`) are left out:
 * they are data, not what went wrong.
 */

/** How many lines a tail keeps by default. */
const LOG_TAIL_LINES = 20;

/** Keeps the last `max` lines of output fed to it, one line at a time. */
export class LogTail {
  readonly #lines: string[] = [];
  readonly #max: number;
  #dropped = 0;

  constructor(max = LOG_TAIL_LINES) {
    this.#max = max;
  }

  add(line: string): void {
    if (line.includes('##caesium::')) return;
    this.#lines.push(line);
    if (this.#lines.length > this.#max) {
      this.#lines.shift();
      this.#dropped++;
    }
  }

  /** The kept lines, oldest first. */
  get lines(): readonly string[] {
    return this.#lines;
  }

  /** How many earlier lines were not kept. */
  get dropped(): number {
    return this.#dropped;
  }
}

/** The tail of a log snapshot's text (lines end in newlines; a trailing empty line is not one). */
export function logTail(text: string, max = LOG_TAIL_LINES): LogTail {
  const tail = new LogTail(max);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) tail.add(line);
  return tail;
}

/**
 * A tail as lines prefixed with `prefix`, `… N earlier line(s)` first (and
 * `where`, how to see them all) when lines were dropped; none when empty.
 */
export function tailLines(tail: LogTail, prefix: string, where?: string): string[] {
  if (tail.lines.length === 0) return [];
  const rest = where === undefined ? '' : ` (${where})`;
  const head = tail.dropped > 0 ? [`${prefix}… ${tail.dropped} earlier line(s)${rest}`] : [];
  return [...head, ...tail.lines.map((l) => `${prefix}${l}`)];
}
