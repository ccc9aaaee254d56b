/**
 * `POST /v1/jobdefs/apply` as a function: every definition validated first,
 * then the whole batch applied in one transaction (docs/decisions.md D12: all land or none).
 *
 * Choices:
 * - A re-apply that changes a job while one of its runs is `running` is
 *   refused (409 `job has a running run: <alias>`) unless `force`; an
 *   unchanged re-apply is a no-op and always allowed (running runs keep the
 *   version they started with either way).
 * - A job applied from provenance source S may be re-applied only from S,
 *   unless `force` (409 `job definition provenance conflict: …`).
 * - `prune` needs `provenance.source_id` and retires only the not-retired jobs
 *   of that source missing from the batch (docs/decisions.md D12); a retired job keeps its id,
 *   runs and history, and applying its alias again brings it back.
 */
import type { ApplyRequestJson, ApplyResponseJson, AppliedJobJson } from '../../api/apply.js';
import type { DefinitionErrorsJson } from '../../api/errors.js';
import type { CatalogJob, Provenance, Store, StoreQueries } from '../../store/ports/store.js';
import type { Job } from '../../jobdef/types.js';
import { badRequest, conflict } from '../http-error.js';
import { checkDefinition } from './definition-json.js';

/** Validates and applies a batch (its body checked by `APPLY_REQUEST_SCHEMA`); throws `HttpError` 400/409 and changes nothing on any failure. */
export async function applyBatch(store: Store, request: ApplyRequestJson<unknown>, now: string): Promise<ApplyResponseJson> {
  const provenance = provenanceOf(request);
  if (request.prune === true && provenance === null) {
    throw badRequest('prune requires provenance.source_id: only jobs applied from the same source are retired');
  }
  const jobs = validateAll(request.definitions);
  return store.transaction(async (tx) => {
    const out: AppliedJobJson[] = [];
    for (const job of jobs) out.push(await applyOne(tx, job, provenance, request.force === true, now));
    const response: ApplyResponseJson = { applied: jobs.length, jobs: out };
    if (request.prune === true && provenance !== null) {
      const keep = new Set(jobs.map((j) => j.alias));
      const stale = (await tx.catalog.bySource(provenance.sourceId)).filter((entry) => !keep.has(entry.alias));
      await tx.catalog.retire(
        stale.map((entry) => entry.id),
        now,
      );
      response.pruned = stale.map((entry) => entry.alias);
    }
    return response;
  });
}

/** Validates every definition of a batch (400 listing every error) and rejects duplicate aliases. */
export function validateAll(definitions: readonly unknown[]): Job[] {
  if (definitions.length === 0) throw badRequest('definitions are required');
  const checked = definitions.map((value, index) => checkDefinition(value, index));
  const errors: DefinitionErrorsJson['errors'] = checked.flatMap((c) =>
    c.errors.map((e) => ({ definition: c.alias ?? c.name, field: e.field, message: e.message })),
  );
  if (errors.length > 0) {
    const text = errors.map((e) => `definition ${e.definition}: ${e.message}`).join('; ');
    throw badRequest(text, { errors });
  }
  const jobs = checked.map((c) => c.job as Job);
  const seen = new Set<string>();
  for (const job of jobs) {
    if (seen.has(job.alias)) throw badRequest(`duplicate job alias "${job.alias}" in definitions`);
    seen.add(job.alias);
  }
  return jobs;
}

async function applyOne(tx: StoreQueries, job: Job, provenance: Provenance | null, force: boolean, now: string): Promise<AppliedJobJson> {
  const existing = await tx.catalog.byAlias(job.alias);
  if (!force && existing !== undefined) checkProvenance(existing, provenance);
  const applied = await tx.jobs.apply(job, { appliedAt: now });
  if (applied.changed && !force && existing !== undefined && (await tx.catalog.runningCount(job.alias)) > 0) {
    throw conflict(`job has a running run: ${job.alias}`);
  }
  const entry = await tx.catalog.register({ alias: job.alias, provenance, now });
  if (applied.changed) await tx.retention.recordSource(applied.job.id, provenanceRecord(provenance));
  return { id: entry.id, alias: entry.alias, version: applied.job.version, changed: applied.changed };
}

function checkProvenance(existing: CatalogJob, provenance: Provenance | null): void {
  const owner = existing.provenance?.sourceId;
  if (owner === undefined || existing.retiredAt !== null || owner === provenance?.sourceId) return;
  const from = provenance === null ? 'without a provenance source' : `from source "${provenance.sourceId}"`;
  throw conflict(
    `job definition provenance conflict: ${existing.alias} was applied from source "${owner}", not ${from} (use force to take it over)`,
  );
}

function provenanceOf(request: ApplyRequestJson<unknown>): Provenance | null {
  const p = request.provenance;
  if (p === undefined) return null;
  const text = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v.trim());
  const sourceId = text(p.source_id);
  const rest = { repo: text(p.repo), ref: text(p.ref), commit: text(p.commit), path: text(p.path) };
  if (sourceId === null) {
    if (Object.values(rest).some((v) => v !== null))
      throw badRequest('provenance.source_id is required when any other provenance field is set');
    return null;
  }
  return { sourceId, ...rest };
}

/** The provenance as the version history keeps it (snake_case, set members only). */
function provenanceRecord(p: Provenance | null): Record<string, string> | null {
  if (p === null) return null;
  const out: Record<string, string> = { source_id: p.sourceId };
  for (const [key, value] of [
    ['repo', p.repo],
    ['ref', p.ref],
    ['commit', p.commit],
    ['path', p.path],
  ] as const)
    if (value !== null) out[key] = value;
  return out;
}
