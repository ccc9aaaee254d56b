import type { Diagnostic, Severity } from '../../jobdef/diagnostic.js';
import type { DefinitionSet } from '../../jobdef/definitions.js';
import { countSeverities } from './diagnostics.js';

/** Bumped only on a breaking change of the shape below (documented in docs/lint-json.md). */
export const LINT_JSON_VERSION = 1;

/** The `caesium job lint --format json` document. Every key is always present. */
export interface LintJson {
  version: typeof LINT_JSON_VERSION;
  /** Whether `--strict` was given (warnings then fail the command). */
  strict: boolean;
  /** YAML files read, in the order they were read. */
  files: string[];
  definitions: { file: string; line: number; alias: string | null; valid: boolean }[];
  diagnostics: {
    file: string;
    line: number;
    col: number;
    severity: Severity;
    code: string;
    message: string;
    hint: string | null;
    field: string;
  }[];
  summary: { errors: number; warnings: number; definitions: number; files: number };
}

/**
 * Builds the JSON report of a lint run. `diagnostics` are all of them (file
 * level and per definition), already in report order. A definition is `valid`
 * when it has no error (warnings allowed; `--strict` changes only the exit code).
 */
export function lintJson(set: DefinitionSet, diagnostics: readonly Diagnostic[], strict: boolean): LintJson {
  return {
    version: LINT_JSON_VERSION,
    strict,
    files: [...set.files],
    definitions: set.definitions.map((d) => ({ file: d.file, line: d.line, alias: d.alias ?? null, valid: d.job !== undefined })),
    diagnostics: diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      col: d.col,
      severity: d.severity,
      code: d.code,
      message: d.message,
      hint: d.hint ?? null,
      field: d.field,
    })),
    summary: { ...countSeverities(diagnostics), definitions: set.definitions.length, files: set.files.length },
  };
}
