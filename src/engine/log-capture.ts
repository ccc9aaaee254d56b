/** Captures a task's raw log text for its snapshot, up to 1 MiB (docs/decisions.md §2.11). */
import { LOG_SNAPSHOT_MAX_BYTES } from './ports/run-store.js';

/** Appends lines (each followed by a newline) until the byte cap, then only marks truncation. */
export class LogCapture {
  readonly #parts: string[] = [];
  #bytes = 0;
  #truncated = false;
  readonly #maxBytes: number;

  constructor(maxBytes = LOG_SNAPSHOT_MAX_BYTES) {
    this.#maxBytes = maxBytes;
  }

  add(line: string): void {
    if (this.#truncated) return;
    const text = `${line}\n`;
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.#bytes + bytes <= this.#maxBytes) {
      this.#parts.push(text);
      this.#bytes += bytes;
      return;
    }
    const encoded = Buffer.from(text, 'utf8');
    let end = this.#maxBytes - this.#bytes;
    // Never cut a character: step back over UTF-8 continuation bytes (10xxxxxx).
    while (end > 0 && ((encoded[end] ?? 0) & 0xc0) === 0x80) end--;
    const cut = encoded.subarray(0, end).toString('utf8');
    this.#parts.push(cut);
    this.#bytes += Buffer.byteLength(cut, 'utf8');
    this.#truncated = true;
  }

  get text(): string {
    return this.#parts.join('');
  }

  get truncated(): boolean {
    return this.#truncated;
  }
}
