/**
 * Messages between the server and its spawn broker (spawn-broker.ts,
 * spawn-broker-main.ts). Each IPC message is a batch: every request made in
 * one turn of the server's event loop, every report made in one turn of the
 * broker's, so output costs one message per turn, not one per chunk or line.
 */
import type { OutputStream, SpawnRequest } from './process-spawner.js';

export type BrokerRequest =
  | ({ t: 'spawn'; id: number } & SpawnRequest)
  /** SIGTERM to task `id`'s group, SIGKILL after `graceMs`. */
  | { t: 'stop'; id: number; graceMs: number };

export type BrokerReport =
  | { t: 'spawned'; id: number; pid: number }
  | { t: 'failed'; id: number; code: string | null; message: string }
  /** Decoded text, consecutive chunks of one stream merged. */
  | { t: 'out'; id: number; stream: OutputStream; text: string }
  /** After the task's output was drained; its group was killed. */
  | { t: 'exit'; id: number; code: number | null; signal: NodeJS.Signals | null };
