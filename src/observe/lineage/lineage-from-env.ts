/**
 * Lineage as the server and the CLI set it up: settings from the
 * environment, the transport they name, the emitter. Any problem comes back
 * as one message for the caller to log, and lineage stays off.
 */
import { createLineageEmitter, type LineageEmitter, type LineageEmitterOptions } from './emitter.js';
import { lineageConfigFromEnv, type LineageConfig } from './config.js';
import { createConsoleTransport } from './transports/console.js';
import { createFileTransport } from './transports/file.js';
import { createHttpTransport } from './transports/http.js';
import type { LineageTransport } from './transports/transport.js';
import { errorText } from '../../errors.js';

/** Where the console transport writes, and who hears about http retries. */
export interface TransportIo {
  console?: NodeJS.WritableStream;
  onRetry?: (attempt: number, error: Error) => void;
}

/** The transport `config` names; rejects with a message naming the variable when it cannot be set up. */
async function createLineageTransport(config: LineageConfig, io: TransportIo = {}): Promise<LineageTransport> {
  switch (config.transport) {
    case 'http':
      return createHttpTransport({
        url: config.url,
        headers: config.headers,
        timeoutMs: config.timeoutMs,
        attempts: config.retryAttempts,
        ...(io.onRetry === undefined ? {} : { onRetry: io.onRetry }),
      });
    case 'console':
      return createConsoleTransport(io.console);
    case 'file':
      try {
        return await createFileTransport(config.filePath);
      } catch (error) {
        throw new Error(`OpenLineage disabled: CAESIUM_OPEN_LINEAGE_FILE_PATH: cannot open ${config.filePath}: ${errorText(error)}`, {
          cause: error,
        });
      }
  }
}

/** What `lineageFromEnv` set up: an emitter when lineage is enabled and configured, else why not. */
export interface LineageSetup {
  emitter: LineageEmitter | undefined;
  /** Set when lineage was enabled but could not be configured. */
  error?: string;
}

/** Reads `CAESIUM_OPEN_LINEAGE_*` and builds the emitter; never rejects. */
export async function lineageFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  deps: Omit<LineageEmitterOptions, 'transport' | 'namespace'> & TransportIo = {},
): Promise<LineageSetup> {
  const result = lineageConfigFromEnv(env);
  if (!result.ok) return { emitter: undefined, error: result.error };
  if (!result.config.enabled) return { emitter: undefined };
  try {
    const transport = await createLineageTransport(result.config, deps);
    const { console: _console, onRetry: _onRetry, ...options } = deps;
    return { emitter: createLineageEmitter({ ...options, transport, namespace: result.config.namespace }) };
  } catch (error) {
    return { emitter: undefined, error: errorText(error) };
  }
}
