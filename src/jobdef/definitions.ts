import type { Diagnostic } from './diagnostic.js';
import { hasErrors } from './diagnostic.js';
import { loadPaths, type SkippedDocument } from './load.js';
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
}

export interface DefinitionSet {
  files: string[];
  definitions: Definition[];
  skipped: SkippedDocument[];
  /** File-level problems: missing paths, non-YAML files, YAML syntax errors. */
  diagnostics: Diagnostic[];
}

/** Loads and validates every job definition under `paths` (D3: the one loader). */
export function loadDefinitions(paths: readonly string[]): DefinitionSet {
  const loaded = loadPaths(paths);
  const definitions = loaded.jobs.map((doc): Definition => {
    const v = validateDocument(doc);
    return {
      file: doc.file,
      index: doc.index,
      line: doc.line,
      alias: aliasOf(doc.value),
      diagnostics: v.diagnostics,
      job: hasErrors(v.diagnostics) ? undefined : v.job,
    };
  });
  return { files: loaded.files, definitions, skipped: loaded.skipped, diagnostics: loaded.diagnostics };
}

function aliasOf(value: unknown): string | undefined {
  const meta = (value as { metadata?: { alias?: unknown } } | null)?.metadata;
  const alias = meta?.alias;
  return typeof alias === 'string' && alias.trim() !== '' ? alias.trim() : undefined;
}
