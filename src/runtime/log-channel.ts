import type { LogLine } from '../engine/ports/runtime.js';

interface Reader {
  /** Absolute index of the next line this reader takes. */
  cursor: number;
  wake: (() => void) | undefined;
}

/**
 * The log lines of one task, for any number of readers. Lines are kept until
 * every current reader has taken them (all of them while nobody reads), so a
 * reader that starts before the first line sees every line; a later reader
 * starts at the oldest line still kept. Iteration ends after `close()`.
 */
export class LogChannel {
  private lines: LogLine[] = [];
  /** Absolute index of `lines[0]`. */
  private base = 0;
  private closed = false;
  private readonly readers = new Set<Reader>();

  /** Appends a line; ignored once closed. */
  push(line: LogLine): void {
    if (this.closed) return;
    this.lines.push(line);
    for (const reader of this.readers) reader.wake?.();
  }

  /** No more lines will come; readers finish once they have taken the rest. */
  close(): void {
    this.closed = true;
    for (const reader of this.readers) reader.wake?.();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** A new reader, starting at the oldest line kept. */
  async *read(): AsyncGenerator<LogLine> {
    const reader: Reader = { cursor: this.base, wake: undefined };
    this.readers.add(reader);
    try {
      while (true) {
        const line = this.lines[reader.cursor - this.base];
        if (line !== undefined) {
          reader.cursor += 1;
          this.trim();
          yield line;
        } else if (this.closed) {
          return;
        } else {
          await new Promise<void>((resolve) => (reader.wake = resolve));
          reader.wake = undefined;
        }
      }
    } finally {
      this.readers.delete(reader);
    }
  }

  /** Drops lines every reader has taken. */
  private trim(): void {
    let min = Infinity;
    for (const reader of this.readers) min = Math.min(min, reader.cursor);
    const drop = min - this.base;
    if (drop >= 1024 || (drop > 0 && drop === this.lines.length)) {
      this.lines = this.lines.slice(drop);
      this.base = min;
    }
  }
}
