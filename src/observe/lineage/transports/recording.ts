/** The `recording` transport: keeps events in memory, for tests and the harness. */
import type { RunEvent } from '../run-event.js';
import type { LineageTransport } from './transport.js';

export interface RecordingTransport extends LineageTransport {
  /** Every event emitted so far, in order (structured clones, safe to keep). */
  readonly events: readonly RunEvent[];
  /** Forgets the recorded events. */
  clear(): void;
}

/** Creates an in-memory transport. */
export function createRecordingTransport(): RecordingTransport {
  const events: RunEvent[] = [];
  return {
    name: 'recording',
    events,
    emit(event) {
      events.push(structuredClone(event));
      return Promise.resolve();
    },
    clear() {
      events.length = 0;
    },
    close: () => Promise.resolve(),
  };
}
