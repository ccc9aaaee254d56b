/**
 * The container watchdog process (container-watchdog.ts starts it with an IPC
 * channel): when that channel closes (its server exited, even killed with
 * SIGKILL), it force-removes every container labelled with the server's
 * instance id, then exits. It imports node builtins only and talks to the
 * engine's Docker-compatible API itself, so it stays small.
 *
 * Its arguments arrive in the environment: `CAESIUM_WATCHDOG_ENDPOINT` (the
 * engine endpoint as JSON; certificates base64) and `CAESIUM_WATCHDOG_LABEL`
 * (`key=value`).
 */
import http from 'node:http';
import https from 'node:https';

interface Endpoint {
  socketPath?: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  ca?: string;
  cert?: string;
  key?: string;
}

const endpoint = JSON.parse(process.env.CAESIUM_WATCHDOG_ENDPOINT ?? '{}') as Endpoint;
const label = process.env.CAESIUM_WATCHDOG_LABEL ?? '';

function call(method: string, path: string): Promise<string> {
  const decode = (value: string | undefined): Buffer | undefined => (value === undefined ? undefined : Buffer.from(value, 'base64'));
  const options: https.RequestOptions = {
    method,
    path,
    timeout: 10_000,
    ...(endpoint.socketPath === undefined
      ? { host: endpoint.host, port: endpoint.port, ca: decode(endpoint.ca), cert: decode(endpoint.cert), key: decode(endpoint.key) }
      : { socketPath: endpoint.socketPath }),
  };
  const transport = endpoint.protocol === 'https' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(options, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body));
    });
    request.on('timeout', () => request.destroy(new Error(`${method} ${path} timed out`)));
    request.on('error', reject);
    request.end();
  });
}

async function removeLabelled(): Promise<void> {
  const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
  const found = JSON.parse(await call('GET', `/containers/json?all=true&filters=${filters}`)) as { Id: string }[];
  await Promise.all(found.map((c) => call('DELETE', `/containers/${c.Id}?force=true&v=true`)));
}

process.on('disconnect', () => {
  if (label === '') process.exit(0);
  removeLabelled().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`caesium container watchdog: cannot remove the containers labelled ${label}: ${String(error)}\n`);
      process.exit(1);
    },
  );
});
