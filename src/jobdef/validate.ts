import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { loadJobSchema } from './job-schema.js';
import { jobSchemaIssues } from './job-schema-words.js';
import type { LoadedDocument } from './load.js';
import { normalizeJob } from './normalize.js';
import { Reporter } from './report.js';
import { checkCallbacks } from './rules/callbacks.js';
import { checkDocument } from './rules/document.js';
import { checkEdges } from './rules/edges.js';
import { checkMounts } from './rules/mounts.js';
import { checkSchemas } from './rules/schemas.js';
import { checkSteps } from './rules/steps.js';
import { checkTrigger } from './rules/trigger.js';
import { checkVolumes } from './rules/volumes.js';
import { reportSchemaIssues } from './schema-check.js';
import { shapeDocument } from './shape.js';
import type { Job, JobSpec } from './types.js';
import { isObj } from './values.js';

/**
 * Validates one job document: the shape pass (unknown keys, text values), the
 * JSON Schema, then the semantic rules of job-definition.md §1.9, D4 and D17.
 * Every problem is collected, in document order. When there is no error, the
 * normalised job is returned as well.
 */
export function validateDocument(doc: LoadedDocument): { diagnostics: Diagnostic[]; job: Job | undefined } {
  const report = new Reporter(doc);
  if (!isObj(doc.value)) {
    report.error([], 'E_NOT_MAPPING', 'a job definition must be a mapping', { hint: 'start the document with `apiVersion: v1`' });
    return { diagnostics: report.diagnostics, job: undefined };
  }
  const root = shapeDocument(doc.value, loadJobSchema(), doc, report);
  const issues = jobSchemaIssues(root);

  const ctx = { root, report };
  checkDocument(ctx);
  checkTrigger(ctx);
  checkCallbacks(ctx);
  const volumes = checkVolumes(ctx);
  const steps = checkSteps(ctx);
  const edges = checkEdges(ctx, steps);
  checkMounts(ctx, steps, volumes);
  checkSchemas(ctx, steps, edges);
  // The rules word a node's problems in the original's texts; the schema adds what they left, and a
  // missing key is left out when the rules reported something inside that key's parent.
  reportSchemaIssues(report, issues, (issue) => issue.keyword === 'required');

  const diagnostics = sortDiagnostics(report.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics, job: undefined };
  const job = normalizeJob(root as unknown as JobSpec, { file: doc.file, document: doc.index, line: doc.line });
  return { diagnostics, job };
}
