/**
 * The server a remote command talks to (`--server`, default
 * `http://localhost:8080`) and its API key (`--api-key` with a warning, else
 * `CAESIUM_API_KEY`; docs/decisions.md D14), verifying HTTPS against `CAESIUM_CA_CERT`
 * when set. Client failures become one-line CLI errors.
 */
import { CaesiumClient, ClientError, DEFAULT_SERVER_URL } from '../../client/index.js';
import { readFileSync } from 'node:fs';
import { CaesiumError, errorText, UsageError } from '../../errors.js';
import type { Io } from '../io.js';

/** The flags every remote command takes. */
export interface RemoteFlags {
  server?: string;
  apiKey?: string;
  json?: boolean;
}

/** A client for `flags`; a malformed `--server` is a usage error. */
export function clientFor(flags: RemoteFlags, io: Io): CaesiumClient {
  const baseUrl = (flags.server ?? DEFAULT_SERVER_URL).trim();
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new UsageError(`--server must be a URL such as ${DEFAULT_SERVER_URL}; got "${baseUrl}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new UsageError(`--server must be an http:// or https:// URL; got "${baseUrl}"`);
  if (flags.apiKey !== undefined) io.err.write('warning: --api-key is visible in process listings; prefer CAESIUM_API_KEY\n');
  const apiKey = flags.apiKey ?? io.env.CAESIUM_API_KEY;
  const caCert = caCertOf(io.env.CAESIUM_CA_CERT);
  return new CaesiumClient({
    baseUrl,
    ...(apiKey === undefined || apiKey === '' ? {} : { apiKey }),
    ...(caCert === undefined ? {} : { caCert }),
  });
}

/** The PEM named by `CAESIUM_CA_CERT` (a private CA for an https:// server); a file that cannot be read is a usage error. */
function caCertOf(path: string | undefined): Buffer | undefined {
  if (path === undefined || path.trim() === '') return undefined;
  try {
    return readFileSync(path.trim());
  } catch (error) {
    throw new UsageError(`CAESIUM_CA_CERT: cannot read ${path}: ${errorText(error)}`, 'it must name a PEM file with the CA certificate');
  }
}

/**
 * Turns a failed call into the CLI's one-line error: unreachable servers are
 * named by URL; an HTTP failure reads `<what> failed (<code>): <message>`.
 */
export function remoteError(error: unknown, what: string): unknown {
  if (!(error instanceof ClientError)) return error;
  if (error.kind === 'unreachable') {
    return new CaesiumError('E_UNREACHABLE', error.message, { hint: 'start it with `caesium server`, or point --server at a running one' });
  }
  return new CaesiumError('E_HTTP', `${what} failed (${error.status}): ${error.serverMessage}`);
}

/** Writes `value` as indented JSON on stdout. */
export function writeJson(io: Io, value: unknown): void {
  io.out.write(`${JSON.stringify(value, null, 2)}\n`);
}
