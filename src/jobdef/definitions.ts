import type { Diagnostic } from './diagnostic.js';
import { hasErrors } from './diagnostic.js';
import { findYamlFiles, loadFile, type LoadedDocument, type LoadResult, type SkippedDocument } from './load.js';
import { secretRefsOf, type SecretRef } from './secret-refs.js';
import type { Job } from './types.js';
import { validateDocument } from './validate.js';

/** One job document, validated. */
export interface Definition {
  file: string;
  /** 0-based document index in the file. */
  index: number;
  /** 1-based line where the document starts. */
  line: number;
  /** `metadata.alias` when it is a non-empty string (even if the document has errors). */
  alias: string | undefined;
  /** Errors and warnings, in document order. */
  diagnostics: Diagnostic[];
  /** The normalised job; present exactly when there is no error diagnostic. */
  job: Job | undefined;
  /** The `secret://` references of its step env, with their places. */
  secretRefs: SecretRef[];
}

export interface DefinitionSet {
  files: string[];
  definitions: Definition[];
  skipped: SkippedDocument[];
  /** File-level problems: missing paths, non-YAML files, YAML syntax errors. */
  diagnostics: Diagnostic[];
}

/**
 * Loads and validates every job definition under `paths` (docs/decisions.md D3: the one loader).
 * Each file is validated as soon as it is parsed, so parsed documents do not
 * pile up in memory on large trees.
 */
export function loadDefinitions(paths: readonly string[]): DefinitionSet {
  const diagnostics: Diagnostic[] = [];
  const files = findYamlFiles(paths, diagnostics);
  const pending: LoadResult = { files, jobs: [], skipped: [], diagnostics };
  const definitions: Definition[] = [];
  for (const file of files) {
    loadFile(file, pending);
    for (const doc of pending.jobs) definitions.push(validated(doc));
    pending.jobs.length = 0;
  }
  return { files, definitions, skipped: pending.skipped, diagnostics };
}

function validated(doc: LoadedDocument): Definition {
  const v = validateDocument(doc);
  return {
    file: doc.file,
    index: doc.index,
    line: doc.line,
    alias: aliasOf(doc.value),
    diagnostics: v.diagnostics,
    job: hasErrors(v.diagnostics) ? undefined : v.job,
    secretRefs: secretRefsOf(doc),
  };
}

function aliasOf(value: unknown): string | undefined {
  const meta = (value as { metadata?: { alias?: unknown } } | null)?.metadata;
  const alias = meta?.alias;
  return typeof alias === 'string' && alias.trim() !== '' ? alias.trim() : undefined;
}
