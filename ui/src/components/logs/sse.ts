/**
 * Server-sent events read from a fetch body. `EventSource` cannot send the API key's header, so the UI reads
 * the stream itself: `event:` and `data:` fields, a blank line ends a message, `:` lines are comments (pings).
 */
export interface SseMessage {
  event: string;
  data: string;
}

/** Every message of the stream, until it ends. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let event = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      pending += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = pending.search(/\r\n|\r|\n/)) >= 0) {
        // A CR at the end may be the first half of a CRLF: wait for the next piece.
        if (nl === pending.length - 1 && pending.endsWith('\r')) break;
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + (pending.startsWith('\r\n', nl) ? 2 : 1));
        if (line === '') {
          if (data.length > 0) yield { event: event === '' ? 'message' : event, data: data.join('\n') };
          event = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const raw = colon < 0 ? '' : line.slice(colon + 1);
        const value = raw.startsWith(' ') ? raw.slice(1) : raw;
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
    }
  } finally {
    reader.releaseLock();
  }
}
