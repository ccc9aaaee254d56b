/**
 * Triggers and atoms (steps) of the catalog's jobs, paged and ordered by an
 * allow-listed column (docs/decisions.md §11.4). A list reads the current versions of
 * jobs not retired: one indexed join, then the page's rows only.
 */
import type { AtomEntry, AtomSortColumn, InventoryQueries, TriggerEntry, TriggerSortColumn } from '../ports/inventory.js';
import type { Database } from '../schema.js';
import { chunks, type Db } from '../db.js';
import { provenanceOf, toTrigger, type ProvenanceColumns } from './catalog.js';
import { toJob, toTask } from './jobs.js';
import { orderTerms } from './order-terms.js';

const TRIGGER_COLUMNS: Record<TriggerSortColumn, string> = {
  id: 't.id',
  alias: 'j.alias',
  type: 't.type',
  created_at: 'j.created_at',
  updated_at: 'j.created_at',
};

const ATOM_COLUMNS: Record<AtomSortColumn, string> = {
  id: 'k.id',
  engine: 'k.engine',
  image: 'k.image',
  created_at: 'j.created_at',
  updated_at: 'j.created_at',
};

/** The catalog entry's provenance columns (`c`), beside a trigger or an atom. */
const PROVENANCE = ['c.provenance_source_id', 'c.provenance_repo', 'c.provenance_ref', 'c.provenance_commit', 'c.provenance_path'] as const;

/** Inventory queries over `db`. */
export function inventoryQueries(db: Db): InventoryQueries {
  const triggersFrom = () =>
    db
      .selectFrom('triggers as t')
      .innerJoin('jobs as j', 'j.id', 't.job_id')
      .leftJoin('job_catalog as c', 'c.alias', 'j.alias')
      .selectAll('t')
      .select(['j.alias as alias', 'j.created_at as version_created_at'])
      .select(PROVENANCE);
  const atomsFrom = () =>
    db
      .selectFrom('tasks as k')
      .innerJoin('jobs as j', 'j.id', 'k.job_id')
      .leftJoin('job_catalog as c', 'c.alias', 'j.alias')
      .selectAll('k')
      .select(['j.alias as alias', 'j.created_at as version_created_at'])
      .select(PROVENANCE);
  return {
    async triggers({ limit, offset, orderBy }) {
      const q = triggersFrom().where('j.is_current', '=', 1).where('c.retired_at', 'is', null);
      const rows = await q
        .orderBy(orderTerms(orderBy, TRIGGER_COLUMNS, ['j.alias', 't.id']))
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map(toTriggerEntry);
    },
    async trigger(id) {
      const row = await triggersFrom().where('t.id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toTriggerEntry(row);
    },
    async atoms({ limit, offset, orderBy, engine }) {
      let q = atomsFrom().where('j.is_current', '=', 1).where('c.retired_at', 'is', null);
      if (engine !== undefined) q = q.where('k.engine', '=', engine);
      const rows = await q
        .orderBy(orderTerms(orderBy, ATOM_COLUMNS, ['j.alias', 'k.position', 'k.id']))
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map(toAtomEntry);
    },
    async atom(id) {
      const row = await atomsFrom().where('k.id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toAtomEntry(row);
    },
    async versions(ids) {
      const out = [];
      for (const part of chunks([...new Set(ids)])) {
        out.push(...(await db.selectFrom('jobs').selectAll().where('id', 'in', part).execute()).map(toJob));
      }
      return out;
    },
  };
}

type TriggerRow = ProvenanceColumns & Database['triggers'] & { alias: string; version_created_at: string };

function toTriggerEntry(row: TriggerRow): TriggerEntry {
  return { ...toTrigger(row), alias: row.alias, provenance: provenanceOf(row), createdAt: row.version_created_at };
}

type AtomRow = ProvenanceColumns & Database['tasks'] & { alias: string; version_created_at: string };

function toAtomEntry(row: AtomRow): AtomEntry {
  return { task: toTask(row), alias: row.alias, provenance: provenanceOf(row), createdAt: row.version_created_at };
}
