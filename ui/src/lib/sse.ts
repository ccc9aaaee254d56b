/**
 * Server-sent events over fetch (EventSource cannot send the API key): `follow` reads a stream, calls `onMessage`
 * for every message and reconnects after a drop, resuming from the last id, until `signal` aborts.
 */
import { authHeaders } from '../api.js';
import { UNAUTHORIZED_EVENT } from '../auth/session.js';

export interface SseMessage {
  id?: number;
  type: string;
  data: unknown;
}

/** The messages complete in `text`, and what is left over. */
export function parseSse(text: string): { messages: SseMessage[]; rest: string } {
  const messages: SseMessage[] = [];
  // A `\r` at the very end may be the first half of a `\r\n` split between two reads: keep it for the next one.
  const held = text.endsWith('\r') ? '\r' : '';
  let pending = (held === '' ? text : text.slice(0, -1)).replace(/\r\n?/g, '\n');
  for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
    const block = pending.slice(0, end);
    pending = pending.slice(end + 2);
    let id: number | undefined;
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const at = line.indexOf(':');
      const field = at < 0 ? line : line.slice(0, at);
      const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
      if (field === 'id' && /^\d+$/.test(value)) id = Number(value);
      else if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.join('\n'));
    } catch {
      parsed = data.join('\n');
    }
    messages.push({ ...(id === undefined ? {} : { id }), type, data: parsed });
  }
  return { messages, rest: pending + held };
}

/** Follows `url` until `signal` aborts; `onOpen` hears each (re)connection. */
export async function follow(
  url: string,
  onMessage: (message: SseMessage) => void,
  signal: AbortSignal,
  onOpen: () => void = () => undefined,
): Promise<void> {
  let lastId: number | undefined;
  while (!signal.aborted) {
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream', ...authHeaders() };
      if (lastId !== undefined) headers['last-event-id'] = String(lastId);
      const res = await fetch(url, { headers, signal });
      if (res.status === 401) {
        window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
        return;
      }
      if (!res.ok || res.body === null) throw new Error(`${res.status}`);
      onOpen();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let pending = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const { messages, rest } = parseSse(pending + value);
        pending = rest;
        for (const m of messages) {
          if (m.id !== undefined) lastId = m.id;
          onMessage(m);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
}
