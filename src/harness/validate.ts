/**
 * Validating one harness document: the shape pass (unknown keys are errors
 * here, so a misspelled assertion never passes silently), the rules in the
 * original's words, then the schema for whatever the rules did not cover.
 * Every problem is collected, in document order.
 */
import { hasErrors, sortDiagnostics, type Diagnostic } from '../jobdef/diagnostic.js';
import type { LoadedDocument } from '../jobdef/load.js';
import { Reporter } from '../jobdef/report.js';
import { reportSchemaIssues } from '../jobdef/schema-check.js';
import { shapeDocument } from '../jobdef/shape.js';
import { isObj } from '../jobdef/values.js';
import { checkHarness } from './rules.js';
import { toScenarios } from './normalize.js';
import type { ResolvedScenario } from './scenario.js';
import { harnessSchemaIssues, loadHarnessSchema } from './schema.js';

/** The diagnostics of a document, and its scenarios when it has no error. */
export interface ValidatedDocument {
  diagnostics: Diagnostic[];
  scenarios: ResolvedScenario[];
}

/** Validates a non-blank harness document. */
export function validateHarnessDocument(doc: LoadedDocument): ValidatedDocument {
  const report = new Reporter(doc);
  if (!isObj(doc.value)) {
    report.error([], 'E_NOT_MAPPING', 'a harness document must be a mapping', {
      hint: 'start the document with `apiVersion: v1` and `kind: Harness`',
    });
    return { diagnostics: report.diagnostics, scenarios: [] };
  }
  const root = shapeDocument(doc.value, loadHarnessSchema(), doc, report);
  for (const d of report.diagnostics) promoteUnknownKey(d);
  checkHarness(root, report);
  // The schema adds what the rules left: nothing on a field they reported, or above one.
  reportSchemaIssues(report, harnessSchemaIssues(root), () => true);
  const diagnostics = sortDiagnostics(report.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics, scenarios: [] };
  return { diagnostics, scenarios: toScenarios(root, doc) };
}

/** The original rejects unknown harness fields; so do we (with a did-you-mean). */
function promoteUnknownKey(d: Diagnostic): void {
  if (d.code !== 'W_UNKNOWN_KEY') return;
  d.severity = 'error';
  d.code = 'E_UNKNOWN_KEY';
  const m = /^scenarios\[(\d+)\]\./.exec(d.field);
  if (m === null) return;
  // `unknown key "x" in scenarios[0].expect` → `scenarios[0]: unknown key "x" in expect`
  const rest = d.message.replace(/ in scenarios\[\d+\](?:\.([^;\s]+))?/, (_all, inner: string | undefined) =>
    inner === undefined ? '' : ` in ${inner}`,
  );
  d.message = `scenarios[${m[1]}]: ${rest}`;
}
