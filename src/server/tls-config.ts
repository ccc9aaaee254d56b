/**
 * `CAESIUM_TLS_CERT` / `CAESIUM_TLS_KEY` (docs/decisions.md D14): both set
 * means the server speaks HTTPS with them; one without the other, or a file
 * that cannot be read, refuses to start.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { errorText } from '../errors.js';

type Env = Record<string, string | undefined>;

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/** The certificate and key to serve HTTPS with, or undefined for plain HTTP. */
export function tlsFromEnv(env: Env): TlsFiles | undefined {
  const certPath = env.CAESIUM_TLS_CERT?.trim() ?? '';
  const keyPath = env.CAESIUM_TLS_KEY?.trim() ?? '';
  if (certPath === '' && keyPath === '') return undefined;
  if (certPath === '' || keyPath === '')
    throw new UsageError('CAESIUM_TLS_CERT and CAESIUM_TLS_KEY must be set together', 'set both to PEM files, or neither for plain HTTP');
  return { cert: read(certPath, 'CAESIUM_TLS_CERT'), key: read(keyPath, 'CAESIUM_TLS_KEY') };
}

function read(path: string, name: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`${name}: cannot read ${path}: ${errorText(error)}`, 'it must name a readable PEM file');
  }
}
