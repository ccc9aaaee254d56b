/** Where OpenLineage events go (`CAESIUM_OPEN_LINEAGE_TRANSPORT`). */
import type { RunEvent } from '../run-event.js';

/** One destination for lineage events. */
export interface LineageTransport {
  /** The `transport` label of `caesium_lineage_emit_duration_seconds`. */
  readonly name: string;
  /** Delivers one event; rejects when it could not be delivered. */
  emit(event: RunEvent): Promise<void>;
  /** Releases what the transport holds (sockets, the file); waits for pending writes first. */
  close(): Promise<void>;
}
