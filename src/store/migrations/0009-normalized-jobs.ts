/**
 * A job version stores its normalised job (`jobs.normalized`: defaults,
 * durations in milliseconds, edges), written once when it is applied, so no
 * run, resume or REST read normalises the definition again. The column holds
 * the `Job` without `spec` (the `definition` column) and `source`.
 *
 * Rows written before are normalised here, once. A row whose definition does
 * not normalise (a damaged database) is left without, and reading its job
 * fails as it failed before.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { normalizeJob } from '../../jobdef/normalize.js';
import type { JobSpec } from '../../jobdef/types.js';
import { normalizedJson } from '../stored-job.js';

const PAGE = 200;

/** Adds `jobs.normalized` and fills it for the versions already applied. */
export function normalizedJobsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('jobs').addColumn('normalized', 'text').execute();
      for (let offset = 0; ; offset += PAGE) {
        const { rows } = await sql<{
          id: string;
          definition: string;
        }>`select id, definition from jobs order by id limit ${PAGE} offset ${offset}`.execute(db);
        for (const row of rows) {
          const text = normalizedOrUndefined(row.definition);
          if (text !== undefined) await sql`update jobs set normalized = ${text} where id = ${row.id}`.execute(db);
        }
        if (rows.length < PAGE) return;
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('jobs').dropColumn('normalized').execute();
    },
  };
}

function normalizedOrUndefined(definition: string): string | undefined {
  try {
    return normalizedJson(normalizeJob(JSON.parse(definition) as JobSpec));
  } catch {
    return undefined;
  }
}
