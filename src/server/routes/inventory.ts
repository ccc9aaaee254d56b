/**
 * Triggers and atoms (docs/decisions.md §11.4): paged lists over the current versions
 * of the catalog's jobs, `order_by` over an allow-list, and one by id (any
 * version: a run's `trigger_id` and a task run's `atom_id` stay readable).
 */
import type { Hono } from 'hono';
import type { AtomJson } from '../../api/inventory.js';
import { ATOM_SORT_COLUMNS, TRIGGER_SORT_COLUMNS, type AtomEntry } from '../../store/ports/inventory.js';
import { ENGINES } from '../../jobdef/types.js';
import type { AppDeps } from '../app-deps.js';
import { paging, uuidParam } from '../body.js';
import { badRequest, notFound } from '../http-error.js';
import { orderByParam } from '../order-by.js';
import { atomJson, triggerEntryJson } from '../views/inventory-json.js';

/** Registers the trigger and atom routes. */
export function inventoryRoutes(app: Hono, deps: AppDeps): void {
  app.get('/v1/triggers', async (c) => {
    const triggers = await deps.store.inventory.triggers({ ...paging(c), orderBy: orderByParam(c, TRIGGER_SORT_COLUMNS) });
    return c.json(triggers.map(triggerEntryJson));
  });

  app.get('/v1/triggers/:id', async (c) => {
    const id = uuidParam(c, 'id');
    const trigger = await deps.store.inventory.trigger(id);
    if (trigger === undefined) throw notFound(`trigger ${id} not found`);
    return c.json(triggerEntryJson(trigger));
  });

  app.get('/v1/atoms', async (c) => {
    const engine = c.req.query('engine');
    if (engine !== undefined && !(ENGINES as readonly string[]).includes(engine)) {
      throw badRequest(`invalid engine "${engine}": use one of ${ENGINES.join(', ')}`);
    }
    const page = { ...paging(c), orderBy: orderByParam(c, ATOM_SORT_COLUMNS), ...(engine === undefined ? {} : { engine }) };
    return c.json(await atomsJson(deps, await deps.store.inventory.atoms(page)));
  });

  app.get('/v1/atoms/:id', async (c) => {
    const id = uuidParam(c, 'id');
    const atom = await deps.store.inventory.atom(id);
    if (atom === undefined) throw notFound(`atom ${id} not found`);
    const [json] = await atomsJson(deps, [atom]);
    return c.json(json);
  });
}

/** Atom JSON; the steps' `spec` comes from their job versions, read once per page. */
async function atomsJson(deps: AppDeps, atoms: readonly AtomEntry[]): Promise<AtomJson[]> {
  const jobs = await deps.views.jobsOf(atoms.map((a) => a.task.jobId));
  return atoms.map((a) =>
    atomJson(
      a,
      jobs.get(a.task.jobId)?.steps.find((s) => s.name === a.task.name),
    ),
  );
}
