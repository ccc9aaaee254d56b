/** `POST /v1/jobdefs/diff` (docs/decisions.md §11.4): what applying a batch would change; nothing is written. */
import type { Hono } from 'hono';
import { DIFF_REQUEST_SCHEMA, type DiffRequestJson } from '../../api/diff.js';
import type { AppDeps } from '../app-deps.js';
import { diffBatch } from '../apply/diff-batch.js';
import { bodyValidator, readJson } from '../body.js';
import { badRequest } from '../http-error.js';

const checkDiff = bodyValidator<DiffRequestJson<unknown>>(DIFF_REQUEST_SCHEMA);

/** Registers the diff route. */
export function jobdefDiffRoutes(app: Hono, deps: AppDeps): void {
  app.post('/v1/jobdefs/diff', async (c) => {
    const body = await readJson(c);
    if (body === undefined) throw badRequest('definitions are required');
    return c.json(await diffBatch(deps.store, checkDiff(body)), 200);
  });
}
