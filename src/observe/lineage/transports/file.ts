/** The `file` transport: appends one JSON line per event (NDJSON). */
import { open } from 'node:fs/promises';
import type { RunEvent } from '../run-event.js';
import type { LineageTransport } from './transport.js';

/** The original's default path (`CAESIUM_OPEN_LINEAGE_FILE_PATH`). */
export const DEFAULT_LINEAGE_FILE = '/var/lib/caesium/lineage.ndjson';

/**
 * Opens `path` for appending (created with mode 0644, before the umask) and
 * returns the transport; rejects when the file cannot be opened, which the
 * caller reports as a configuration error.
 */
export async function createFileTransport(path: string = DEFAULT_LINEAGE_FILE): Promise<LineageTransport> {
  const handle = await open(path, 'a', 0o644);
  let last: Promise<unknown> = Promise.resolve();
  let closed: Promise<void> | undefined;
  return {
    name: 'file',
    emit(event: RunEvent): Promise<void> {
      if (closed !== undefined) return Promise.reject(new Error(`lineage: ${path} is closed`));
      const line = `${JSON.stringify(event)}\n`;
      // Lines are written one after another, never interleaved.
      const write = last.then(() => handle.write(line)).then(() => undefined);
      last = write.catch(() => undefined);
      return write;
    },
    close() {
      closed ??= last.then(() => handle.close());
      return closed;
    },
  };
}
