/** `POST /v1/jobdefs/diff` (server.md §11.4): what applying a batch would change; nothing is written. */
import type { Hono } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { diffBatch, type DiffRequest } from '../apply/diff-batch.js';
import { bodyValidator, readJson } from '../body.js';
import { badRequest } from '../http-error.js';

const checkDiff = bodyValidator<DiffRequest>({
  type: 'object',
  required: ['definitions'],
  properties: {
    definitions: { type: 'array' },
    provenance: { type: 'object', properties: { source_id: { type: 'string', maxLength: 2048 } } },
  },
});

/** Registers the diff route. */
export function jobdefDiffRoutes(app: Hono, deps: AppDeps): void {
  app.post('/v1/jobdefs/diff', async (c) => {
    const body = await readJson(c);
    if (body === undefined) throw badRequest('definitions are required');
    return c.json(await diffBatch(deps.store, checkDiff(body)), 200);
  });
}
