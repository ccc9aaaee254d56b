/**
 * What the webhook route (docs/decisions.md §8) keeps in the store: the http triggers
 * of current jobs, and the deliveries it has already accepted (replay
 * protection), each kept until its timestamp would be refused anyway.
 */

/** The http trigger of a job's current version, with the job's server-side state. */
export interface HttpTriggerRecord {
  triggerId: string;
  /** The job's stable (catalog) id. */
  jobId: string;
  alias: string;
  paused: boolean;
  /** The job version the trigger belongs to. */
  versionId: string;
  configuration: Record<string, unknown>;
  defaultParams: Record<string, string>;
}

/** An accepted, timestamped delivery: its key is unique while it lives. */
export interface HookDelivery {
  /** A digest of (path, scheme, timestamp, signature). */
  key: string;
  path: string;
  /** The `receipt_id` of the request that first carried it. */
  receiptId: string;
  receivedAt: string;
  /** When its timestamp leaves the tolerance window; after this the key may be claimed again. */
  expiresAt: string;
}

export interface HookQueries {
  /** The http triggers of every current, not retired job (paused ones included). */
  httpTriggers(): Promise<HttpTriggerRecord[]>;
  /** Records `delivery` unless a live delivery with its key exists; true when recorded. Atomic. */
  claimDelivery(delivery: HookDelivery, now: string): Promise<boolean>;
  /** Deletes deliveries with `expiresAt <= now`; returns how many. */
  pruneDeliveries(now: string): Promise<number>;
}
