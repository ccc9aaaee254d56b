/**
 * The lines a log viewer holds: each attempt's lines by number, so a line heard twice (a reconnect, the plain
 * read after the live one) is kept once; a label before each attempt; a note where the server's bound dropped
 * lines. Memory is bounded: it never holds more than `cap` entries; the oldest go, and `dropped` says how many.
 */
export type LogEntry =
  | { kind: 'attempt'; attempt: number }
  | { kind: 'line'; attempt: number; line: number; text: string }
  | { kind: 'gap'; attempt: number; lines: number; bytes: number };

const DEFAULT_CAP = 50_000;

export class LogBuffer {
  private readonly list: LogEntry[] = [];
  /** Per attempt, the number of the next line not yet held. */
  private readonly next = new Map<number, number>();
  /** Lines let go to stay under the cap. */
  dropped = 0;
  /** Grows with every change, for a view to know when to draw again. */
  version = 0;

  constructor(private readonly cap: number = DEFAULT_CAP) {}

  get entries(): readonly LogEntry[] {
    return this.list;
  }

  /** Whole lines (each ending in a newline) of `attempt`, the first numbered `line`. */
  addLines(attempt: number, line: number, text: string): void {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    this.begin(attempt);
    const next = this.next.get(attempt) ?? 0;
    lines.forEach((t, i) => {
      if (line + i >= next) this.list.push({ kind: 'line', attempt, line: line + i, text: t });
    });
    if (line + lines.length > next) {
      this.next.set(attempt, line + lines.length);
      this.changed();
    }
  }

  /** `lines` lines (`bytes` bytes) the server's bound dropped; they count as numbered lines of the attempt. */
  addGap(attempt: number, lines: number, bytes: number): void {
    this.begin(attempt);
    const next = this.next.get(attempt) ?? 0;
    this.list.push({ kind: 'gap', attempt, lines, bytes });
    this.next.set(attempt, next + lines);
    this.changed();
  }

  private begin(attempt: number): void {
    if (this.next.has(attempt)) return;
    this.next.set(attempt, 0);
    this.list.push({ kind: 'attempt', attempt });
  }

  private changed(): void {
    this.version += 1;
    // Past the cap, trim a tenth more, so a long stream does not shift the array on every line.
    if (this.list.length <= this.cap) return;
    const gone = this.list.splice(0, this.list.length - this.cap + Math.floor(this.cap / 10));
    this.dropped += gone.filter((e) => e.kind === 'line').length;
  }
}

const ATTEMPT_LABEL = /^── attempt (\d+) ──$/;
const DROPPED_NOTE = /^\[caesium: (\d+) lines \((\d+) bytes\) dropped here/;

/**
 * Fills `buffer` from the plain log (`GET …/logs` without `follow`): a `── attempt N ──` line starts attempt
 * N (the server writes one only when there are several), a dropped-lines note becomes a gap. Without a label
 * the lines are `attempt`'s.
 */
export function readPlainLog(buffer: LogBuffer, text: string, attempt: number): void {
  let current = attempt;
  let line = 0;
  let run: string[] = [];
  let runStart = 0;
  const flush = (): void => {
    if (run.length > 0) buffer.addLines(current, runStart, `${run.join('\n')}\n`);
    run = [];
  };
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const t of lines) {
    const label = ATTEMPT_LABEL.exec(t);
    const note = DROPPED_NOTE.exec(t);
    if (label !== null) {
      flush();
      current = Number(label[1]);
      line = 0;
    } else if (note !== null) {
      flush();
      buffer.addGap(current, Number(note[1]), Number(note[2]));
      line += Number(note[1]);
    } else {
      if (run.length === 0) runStart = line;
      run.push(t);
      line += 1;
    }
  }
  flush();
}
