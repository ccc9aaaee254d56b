/**
 * OpenLineage requires run ids to be UUIDs. The store's ids are; an id from
 * an injected generator (tests, harness) may not be, and becomes a
 * name-based UUID (RFC 9562 version 5 layout) derived from it, so the same id
 * always maps to the same run id and parent links still match.
 */
import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A fixed namespace so derived ids do not collide with other v5 users. */
const NAMESPACE = Buffer.from('6f1c0b2e4d5a4e7f9a3b8c1d2e3f4a5b', 'hex');

/** `id` when it is a UUID, else a stable UUID derived from it. */
export function lineageRunId(id: string): string {
  if (UUID.test(id)) return id;
  const bytes = createHash('sha1').update(NAMESPACE).update(id, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
