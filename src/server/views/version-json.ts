/** A job version as `GET /v1/jobs/:id/versions` lists it (docs/retention.md). */
import type { JobVersionJson } from '../../api/retention.js';
import type { JobVersionEntry } from '../../store/ports/store.js';

export function versionJson(v: JobVersionEntry): JobVersionJson {
  return {
    version: v.version,
    job_version_id: v.id,
    content_hash: v.contentHash,
    created_at: v.createdAt,
    current: v.current,
    provenance: v.provenance,
  };
}
