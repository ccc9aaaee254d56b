/** Reads a server-sent event stream over fetch, message by message, as the tests inspect it. */
import type { Json } from './in-process.js';

export interface SseMessage {
  /** The raw `id:` line's value, when present. */
  id?: string;
  event: string;
  data: Json;
}

export interface SseReader {
  status: number;
  headers: Headers;
  /** Everything received so far, raw. */
  raw(): string;
  /** Resolves with the next message (comments skipped); rejects when the stream ends first. */
  next(): Promise<SseMessage>;
  /** Reads messages until `until` holds for one (included). */
  until(until: (m: SseMessage) => boolean): Promise<SseMessage[]>;
  /** Resolves once the raw text contains `text` `count` times. */
  waitForText(text: string, count?: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens `url` and returns a reader once the headers arrived. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let raw = '';
  let pending = '';
  const pull = async (): Promise<void> => {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended; received:\n${raw}`);
    const text = decoder.decode(value, { stream: true });
    raw += text;
    pending += text;
  };
  const next = async (): Promise<SseMessage> => {
    for (;;) {
      const end = pending.indexOf('\n\n');
      if (end < 0) {
        await pull();
        continue;
      }
      const block = pending.slice(0, end);
      pending = pending.slice(end + 2);
      const lines = block.split('\n').filter((l) => !l.startsWith(':') && l !== '');
      if (lines.length === 0) continue;
      const field = (name: string): string | undefined => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
      const id = field('id');
      return { ...(id === undefined ? {} : { id }), event: field('event') ?? '', data: JSON.parse(field('data') ?? 'null') };
    }
  };
  return {
    status: res.status,
    headers: res.headers,
    raw: () => raw,
    next,
    async until(until) {
      const out: SseMessage[] = [];
      for (;;) {
        const m = await next();
        out.push(m);
        if (until(m)) return out;
      }
    },
    async waitForText(text, count = 1) {
      while (raw.split(text).length - 1 < count) await pull();
    },
    async close() {
      controller.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}
