import { hasErrors, type Diagnostic } from './diagnostic.js';
import { loadJobSchema } from './job-schema.js';
import { jobSchemaIssues } from './job-schema-words.js';
import type { LoadedDocument } from './load.js';
import { normalizeJob } from './normalize.js';
import { Reporter } from './report.js';
import { durationsAsText } from './rest-form.js';
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
import { isDocument, type DefinitionSource } from './source.js';
import type { Job, JobSpec } from './types.js';
import { isObj } from './values.js';

/** What validation found, and the normalised job when it found no error. */
export interface Validation {
  diagnostics: Diagnostic[];
  job: Job | undefined;
}

/** How a definition writes its durations: `yaml` as text only, `rest` also as whole nanoseconds (see rest-form.ts). */
export type DefinitionForm = 'yaml' | 'rest';

/** Validates one YAML job document (see `validateValue`). */
export function validateDocument(doc: LoadedDocument): Validation {
  return validateValue(doc);
}

/**
 * Validates one job definition, a YAML document or a parsed JSON value: the
 * shape pass (unknown keys, text values), the JSON Schema, then the semantic
 * rules (references, edges, durations, mounts, schemas). Every problem is
 * collected, in document order; a document's diagnostics carry its lines and
 * columns, a bare value's only their field path. When there is no error, the normalised job
 * is returned as well.
 */
export function validateValue(source: DefinitionSource, options: { form?: DefinitionForm } = {}): Validation {
  const report = new Reporter(source);
  if (!isObj(source.value)) {
    report.error([], 'E_NOT_MAPPING', 'a job definition must be a mapping', { hint: 'start the document with `apiVersion: v1`' });
    return { diagnostics: report.diagnostics, job: undefined };
  }
  const value = options.form === 'rest' ? durationsAsText(source.value, report) : source.value;
  if (hasErrors(report.diagnostics)) return { diagnostics: report.inDocumentOrder(), job: undefined };
  const root = shapeDocument(value, loadJobSchema(), source, report);
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

  const diagnostics = report.inDocumentOrder();
  if (hasErrors(diagnostics)) return { diagnostics, job: undefined };
  const job = normalizeJob(
    root as unknown as JobSpec,
    isDocument(source) ? { file: source.file, document: source.index, line: source.line } : undefined,
  );
  return { diagnostics, job };
}
