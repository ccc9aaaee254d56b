/**
 * Captures a task's raw log text for its snapshot, bounded by
 * LOG_SNAPSHOT_MAX_BYTES (docs/decisions.md §2.11): a log that fits is kept
 * whole; a longer one keeps its head and its tail (the tail is what explains
 * a failure), both cut at line boundaries, with one note line between them
 * that says how many lines and bytes were dropped.
 */
import { LOG_SNAPSHOT_MAX_BYTES } from './ports/run-store.js';

/** Room kept for the note line between head and tail. */
const NOTE_ROOM = 128;

/** Appends lines (each followed by a newline); past the cap keeps the first and last lines. */
export class LogCapture {
  readonly #head: string[] = [];
  #headBytes = 0;
  #tail: { text: string; bytes: number }[] = [];
  #tailStart = 0;
  #tailBytes = 0;
  #overflowing = false;
  #droppedLines = 0;
  #droppedBytes = 0;
  readonly #half: number;
  readonly #maxBytes: number;

  constructor(maxBytes = LOG_SNAPSHOT_MAX_BYTES) {
    this.#maxBytes = maxBytes;
    this.#half = Math.max(1, Math.floor((maxBytes - NOTE_ROOM) / 2));
  }

  add(line: string): void {
    const text = `${line}\n`;
    const bytes = Buffer.byteLength(text, 'utf8');
    if (!this.#overflowing && this.#headBytes + bytes <= this.#maxBytes) {
      this.#head.push(text);
      this.#headBytes += bytes;
      return;
    }
    if (!this.#overflowing) this.#startOverflow();
    this.#pushTail(text, bytes);
  }

  /** The whole log, or head + note + tail once it outgrew the cap. */
  get text(): string {
    if (!this.#overflowing) return this.#head.join('');
    const tail = this.#tail.slice(this.#tailStart).map((t) => t.text);
    return `${this.#head.join('')}${droppedNote(this.#droppedLines, this.#droppedBytes)}\n${tail.join('')}`;
  }

  get truncated(): boolean {
    return this.#overflowing;
  }

  /** The head so far is longer than half the cap: move its last lines to the tail side. */
  #startOverflow(): void {
    this.#overflowing = true;
    const moved: { text: string; bytes: number }[] = [];
    while (this.#head.length > 0 && this.#headBytes > this.#half) {
      const text = this.#head.pop()!;
      const bytes = Buffer.byteLength(text, 'utf8');
      this.#headBytes -= bytes;
      moved.unshift({ text, bytes });
    }
    for (const m of moved) this.#pushTail(m.text, m.bytes);
  }

  #pushTail(text: string, bytes: number): void {
    this.#tail.push({ text, bytes });
    this.#tailBytes += bytes;
    while (this.#tailBytes > this.#half && this.#tailStart < this.#tail.length) {
      const first = this.#tail[this.#tailStart++]!;
      this.#tailBytes -= first.bytes;
      this.#droppedLines++;
      this.#droppedBytes += first.bytes;
    }
    // Compact now and then so dropped lines do not stay referenced.
    if (this.#tailStart > 4096 && this.#tailStart * 2 > this.#tail.length) {
      this.#tail = this.#tail.slice(this.#tailStart);
      this.#tailStart = 0;
    }
  }
}

/** The line that stands for the dropped middle of a log (shared with the live log reader). */
export function droppedNote(lines: number, bytes: number): string {
  return `[caesium: ${lines} line${lines === 1 ? '' : 's'} (${bytes} bytes) dropped here: the log is longer than its limit, the first and last lines are kept]`;
}
