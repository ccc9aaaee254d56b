/** `POST /v1/jobdefs/apply` and `POST /v1/jobdefs/lint` (docs/decisions.md §11.4, D12). */
import type { Hono } from 'hono';
import { APPLY_REQUEST_SCHEMA, type ApplyRequestJson, type LintResponseJson } from '../../api/apply.js';
import type { AppDeps } from '../app-deps.js';
import { applyBatch } from '../apply/apply-batch.js';
import { checkDefinition } from '../apply/definition-json.js';
import { bodyValidator, readJson } from '../body.js';
import { badRequest } from '../http-error.js';
import { errorText } from '../../errors.js';

const checkApply = bodyValidator<ApplyRequestJson<unknown>>(APPLY_REQUEST_SCHEMA);

/** Registers the job-definition routes. */
export function jobdefRoutes(app: Hono, deps: AppDeps): void {
  app.post('/v1/jobdefs/apply', async (c) => {
    const body = await readJson(c);
    if (body === undefined) throw badRequest('definitions are required');
    const request = checkApply(body);
    const result = await applyBatch(deps.store, request, new Date(deps.now()).toISOString());
    return c.json(result, 200);
  });

  app.post('/v1/jobdefs/lint', async (c) => {
    let body: unknown;
    try {
      body = await readJson(c);
    } catch (error) {
      return c.json(lintResult([`Invalid JSON format: ${errorText(error)}`], [], 0), 200);
    }
    const definitions = (body as { definitions?: unknown } | undefined)?.definitions;
    if (!Array.isArray(definitions) || definitions.length === 0) return c.json(lintResult(['No job definitions found'], [], 0), 200);
    const checked = definitions.map((value, index) => checkDefinition(value, index));
    const label = (c: { alias: string | undefined; name: string }): string => c.alias ?? c.name;
    const errors = checked.flatMap((d) => d.errors.map((e) => `definition ${label(d)}: ${e.message}`));
    const warnings = checked.flatMap((d) => d.warnings.map((e) => `definition ${label(d)}: ${e.message}`));
    const steps = checked.reduce((sum, d) => sum + (d.job?.steps.length ?? 0), 0);
    return c.json(lintResult(errors, warnings, steps), 200);
  });
}

function lintResult(errors: string[], warnings: string[], steps: number): LintResponseJson {
  return { errors: errors.map((message) => ({ message })), warnings: warnings.map((message) => ({ message })), summary: { steps } };
}
