/**
 * The bound on a task's stored live output (docs/live-logs.md): per attempt,
 * the first LIVE_HEAD_BYTES are kept, then only the most recent
 * LIVE_TAIL_BYTES (rotated a chunk at a time); everything between is dropped
 * and the reader says how many lines and bytes. Lines are never cut.
 */
const LIVE_HEAD_BYTES = 512 * 1024;
const LIVE_TAIL_BYTES = 512 * 1024;
/** Pending output is written once it reaches this size, or after LIVE_FLUSH_MS. */
export const LIVE_CHUNK_BYTES = 64 * 1024;
export const LIVE_FLUSH_MS = 200;

/** One attempt's place in the bound: which chunks it keeps. */
export class AttemptBound {
  #headBytes = 0;
  #lastHeadSeq = -1;
  readonly #tail: { seq: number; bytes: number }[] = [];
  #tailBytes = 0;

  /** Files chunk `seq` of `bytes` as head or tail; returns the tail chunks it rotates out. */
  place(seq: number, bytes: number): number[] {
    if (this.#headBytes < LIVE_HEAD_BYTES) {
      this.#headBytes += bytes;
      this.#lastHeadSeq = seq;
      return [];
    }
    this.#tail.push({ seq, bytes });
    this.#tailBytes += bytes;
    const out: number[] = [];
    while (this.#tailBytes > LIVE_TAIL_BYTES && this.#tail.length > 1) {
      const first = this.#tail.shift()!;
      this.#tailBytes -= first.bytes;
      out.push(first.seq);
    }
    return out;
  }

  /** Whether chunk `seq` is still kept. */
  keeps(seq: number): boolean {
    return seq <= this.#lastHeadSeq || this.#tail.some((t) => t.seq === seq);
  }
}
