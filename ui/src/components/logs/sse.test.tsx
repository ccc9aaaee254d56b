import { describe, expect, it } from 'vitest';
import { readSse, type SseMessage } from './sse.js';

function stream(pieces: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const p of pieces) c.enqueue(enc.encode(p));
      c.close();
    },
  });
}

async function all(body: ReadableStream<Uint8Array>): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const m of readSse(body)) out.push(m);
  return out;
}

describe('reading server-sent events', () => {
  it('joins messages split anywhere, skips pings, and reads CRLF and multi-line data', async () => {
    const wire =
      ': ping\n\nevent: log\ndata: {"attempt":1,"line":0,"text":"é\\n"}\n\nevent: gap\r\ndata: a\r\ndata: b\r\n\r\nevent: end\ndata: {"status":"succeeded"}\n\n';
    const bytes = new TextEncoder().encode(wire);
    // Cut the bytes one at a time: inside the two-byte "é" and between CR and LF too.
    const byByte = new ReadableStream<Uint8Array>({
      start(c) {
        for (const b of bytes) c.enqueue(new Uint8Array([b]));
        c.close();
      },
    });
    const expected = [
      { event: 'log', data: '{"attempt":1,"line":0,"text":"é\\n"}' },
      { event: 'gap', data: 'a\nb' },
      { event: 'end', data: '{"status":"succeeded"}' },
    ];
    expect(await all(byByte)).toEqual(expected);
    expect(await all(stream([wire]))).toEqual(expected);
  });
});
