/**
 * `POST /v1/jobdefs/diff` as a function (docs/decisions.md §11.4): what applying a
 * batch would change, computed from the same validation as apply and the
 * current versions in the store. Nothing is written.
 *
 * Choices:
 * - `modified` lists exactly the aliases apply would write a new version for
 *   (their content hash differs); `diff` compares the definitions as written
 *   (the stored one and the sent one), field by field, in YAML names
 *   (`~ steps[1].image: alpine:3.20 → alpine:3.23`). Trigger `defaultParams`
 *   compare like any other field (an accident of the original — stored trigger config
 *   carrying injected defaultParams — does not arise).
 * - A retired (pruned) alias in the batch counts as `added`: apply brings it back.
 * - `removed`: with `provenance.source_id`, the active jobs applied from that
 *   source missing from the batch (what `apply --prune` would retire, docs/decisions.md D12);
 *   without it, every active job missing from the batch (the original's view).
 * - Each `modified` entry also carries `changes` (structured) beside `diff` (text).
 * - Secrets are redacted (../views/redact.ts) after comparing, so a changed
 *   literal secret still shows as `~ trigger.configuration.secret: *** → ***`.
 */
import type { DiffRequestJson, DiffResponseJson, JobSummaryJson } from '../../api/diff.js';
import type { Store } from '../../store/ports/store.js';
import { diffDefinitions, formatChange } from '../../jobdef/diff.js';
import type { Job } from '../../jobdef/types.js';
import { contentHash } from '../../store/content-hash.js';
import { validateAll } from './apply-batch.js';
import { redactedChange, redacted } from '../views/redact.js';

/** A note when no field of the definition changed but its normalised form (what is hashed) did. */
const NORMALISED_ONLY = '~ (no field changed; the normalised definition did, so apply writes a new version)';

const PAGE = 500;

/** Compares a batch (its body checked by `DIFF_REQUEST_SCHEMA`) with the server's current versions; throws `HttpError` 400 on invalid definitions. */
export async function diffBatch(store: Store, request: DiffRequestJson<unknown>): Promise<DiffResponseJson> {
  const jobs = validateAll(request.definitions);
  const response: DiffResponseJson = { added: [], removed: [], modified: [] };
  for (const job of jobs) {
    const entry = await store.catalog.byAlias(job.alias);
    const version = entry === undefined || entry.retiredAt !== null ? undefined : await store.jobs.current(job.alias);
    if (version === undefined) {
      response.added.push(summary(job));
      continue;
    }
    const changes = diffDefinitions(version.definition, JSON.parse(JSON.stringify(job.spec)));
    const rehashed = contentHash({ ...job, source: undefined }) !== version.contentHash;
    if (changes.length === 0 && !rehashed) continue;
    const shown = changes.map(redactedChange);
    const lines = shown.length > 0 ? shown.map(formatChange) : [NORMALISED_ONLY];
    response.modified.push({ alias: job.alias, diff: lines.join('\n'), changes: shown });
  }
  const local = new Set(jobs.map((j) => j.alias));
  const sourceId = request.provenance?.source_id?.trim();
  const candidates = sourceId !== undefined && sourceId !== '' ? await store.catalog.bySource(sourceId) : await allActive(store);
  for (const entry of candidates) {
    if (local.has(entry.alias)) continue;
    const version = await store.jobs.current(entry.alias);
    if (version !== undefined) response.removed.push(summary(version.job));
  }
  const byAlias = (a: { alias: string }, b: { alias: string }): number => a.alias.localeCompare(b.alias);
  response.added.sort(byAlias);
  response.removed.sort(byAlias);
  response.modified.sort(byAlias);
  return response;
}

async function allActive(store: Store): Promise<{ alias: string }[]> {
  const out: { alias: string }[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.catalog.list({ limit: PAGE, offset });
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

function summary(job: Job): JobSummaryJson {
  return {
    alias: job.alias,
    labels: job.labels,
    annotations: job.annotations,
    trigger: { type: job.trigger.type, configuration: redacted(job.trigger.configuration) },
    callbacks: job.callbacks.map((c) => ({ type: c.type, configuration: redacted(c.configuration) })),
    steps: job.steps.map((s) => ({
      name: s.name,
      engine: s.engine,
      image: s.image,
      command: s.command ?? null,
      outputSchema: s.outputSchema ?? null,
    })),
  };
}
