/** A real OpenLineage endpoint for transport tests: node:http on 127.0.0.1, a random port. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers request number `n` (1-based); leaving `res` unanswered makes the request hang. */
export type Responder = (n: number, res: ServerResponse, req: ReceivedRequest) => void;

export interface LineageServer {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a server that records every request and answers through `respond` (default 201). */
export async function startLineageServer(respond: Responder = (_n, res) => res.writeHead(201).end('{}')): Promise<LineageServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      requests.push(received);
      respond(requests.length, res, received);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL nothing listens on (a port just released). */
export async function deadUrl(): Promise<string> {
  const server = await startLineageServer();
  await server.close();
  return server.url;
}
