import { SCHEMA_VALIDATION_MODES } from '../types.js';
import { isBlank, isObj, q, str } from '../values.js';
import type { RuleContext } from './context.js';
import { checkCache, checkDuration } from './durations.js';

/** apiVersion, kind and metadata (docs/decisions.md §1.9 items 1 and 2). */
export function checkDocument({ root, report }: RuleContext): void {
  const api = root.apiVersion;
  if (api === undefined) {
    report.error(['apiVersion'], 'E_API_VERSION', 'apiVersion is required', { hint: 'add `apiVersion: v1`' });
  } else if (api !== 'v1') {
    report.error(['apiVersion'], 'E_API_VERSION', `unsupported apiVersion: ${text(api)}`, {
      hint:
        typeof api === 'string' && api.trim().toLowerCase() === 'v1'
          ? 'did you mean "v1"?'
          : 'caesium reads `apiVersion: v1` job definitions',
    });
  }
  const kind = root.kind;
  if (kind === undefined) {
    report.error(['kind'], 'E_KIND', 'kind is required', { hint: 'add `kind: Job`' });
  } else if (kind !== 'Job') {
    report.error(['kind'], 'E_KIND', `unsupported kind: ${text(kind)}`, { hint: 'a job definition has `kind: Job`' });
  }

  const meta = root.metadata;
  if (meta === undefined || (isObj(meta) && isBlank(meta.alias))) {
    report.error(['metadata', 'alias'], 'E_REQUIRED', 'metadata.alias is required', {
      hint: 'give the job a unique alias, e.g. `alias: nightly-report`',
    });
  }
  if (isObj(meta)) {
    const mode = str(meta.schemaValidation);
    if (mode !== undefined && !(SCHEMA_VALIDATION_MODES as readonly string[]).includes(mode)) {
      report.error(['metadata', 'schemaValidation'], 'E_ENUM', `metadata.schemaValidation ${q(mode)} must be one of ["","warn","fail"]`, {
        hint: 'use warn to record output schema violations, fail to fail the step, or leave it out',
      });
    }
    checkDuration(report, ['metadata', 'taskTimeout'], meta.taskTimeout);
    checkDuration(report, ['metadata', 'runTimeout'], meta.runTimeout);
    checkCache(report, ['metadata', 'cache'], meta.cache);
  }
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
