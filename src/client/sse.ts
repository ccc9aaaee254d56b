/** Reads a server-sent event body into messages; comments (`: ping`) are keep-alives and are not yielded. */

/** One message with its JSON data parsed. */
export interface SseMessage {
  id?: number;
  type: string;
  data: unknown;
}

/** The messages of `body`, in order. */
export async function* sseMessages(body: AsyncIterable<Buffer | string>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of body) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    pending = pending.replace(/\r\n?/g, '\n');
    for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
      const block = pending.slice(0, end);
      pending = pending.slice(end + 2);
      const message = parseBlock(block);
      if (message !== undefined) yield message;
    }
  }
}

function parseBlock(block: string): SseMessage | undefined {
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
  if (data.length === 0) return undefined;
  return { ...(id === undefined ? {} : { id }), type, data: JSON.parse(data.join('\n')) as unknown };
}
