import { StringDecoder } from 'node:string_decoder';

/** Longest line kept whole; a longer run of bytes without a newline is emitted in pieces. */
export const MAX_LINE_CHARS = 1024 * 1024;

/**
 * Turns a byte stream into lines: UTF-8 decoded across chunk boundaries, split
 * on `\n`, a trailing `\r` dropped. `end()` emits a last unterminated line.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  constructor(private readonly emit: (line: string) => void) {}

  /** Feeds one chunk. */
  write(chunk: Buffer | string): void {
    let text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.emitLine(text.slice(start, newline));
      start = newline + 1;
    }
    text = text.slice(start);
    while (text.length > MAX_LINE_CHARS) {
      this.emit(text.slice(0, MAX_LINE_CHARS));
      text = text.slice(MAX_LINE_CHARS);
    }
    this.partial = text;
  }

  /** Flushes what is left; the splitter must not be written to afterwards. */
  end(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest !== '') this.emitLine(rest);
  }

  private emitLine(line: string): void {
    this.emit(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}
