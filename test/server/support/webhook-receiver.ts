/** A local webhook receiver for callback tests: `/fail…` paths answer 500 until `healed`, the rest 200. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Json } from './in-process.js';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Json;
}

export class WebhookReceiver {
  readonly received: Received[] = [];
  healed = false;
  url = '';
  #server: Server | undefined;

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8').on('data', (s: string) => (text += s));
      req.on('end', () => {
        this.received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(text) });
        if (req.url?.startsWith('/fail') === true && !this.healed) res.writeHead(500).end('  boom  ');
        else res.writeHead(200).end('ok');
      });
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  count(path: string): number {
    return this.received.filter((r) => r.path === path).length;
  }

  close(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}

/** A URL nothing listens on (a server bound, then closed). */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/gone`;
}
