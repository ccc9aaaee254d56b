import type { LogLine } from '../../engine/ports/runtime.js';

const HEADER = 8;

/**
 * Splits Docker's multiplexed log stream (no TTY) into per-stream payloads.
 * Each frame is an 8-byte header — stream type (1 stdout, 2 stderr), three
 * zero bytes, big-endian payload length — then the payload. Frames may be
 * cut anywhere across chunks.
 */
export class Demuxer {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly emit: (stream: LogLine['stream'], payload: Buffer) => void) {}

  /** Feeds one chunk of the raw stream. */
  write(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let offset = 0;
    while (this.buffer.length - offset >= HEADER) {
      const size = this.buffer.readUInt32BE(offset + 4);
      if (this.buffer.length - offset < HEADER + size) break;
      const type = this.buffer[offset];
      const payload = this.buffer.subarray(offset + HEADER, offset + HEADER + size);
      if (size > 0) this.emit(type === 2 || type === 3 ? 'stderr' : 'stdout', payload);
      offset += HEADER + size;
    }
    this.buffer = offset === 0 ? this.buffer : this.buffer.subarray(offset);
  }
}
