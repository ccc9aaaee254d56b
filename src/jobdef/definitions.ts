import type { Diagnostic } from './diagnostic.js';
import { hasErrors, sortDiagnostics } from './diagnostic.js';
import { positionOf } from './position.js';
import { findYamlFiles, loadFile, type LoadedDocument, type LoadResult, type SkippedDocument } from './load.js';
import { secretRefsOf, type SecretRef } from './secret-refs.js';
import { enginePlacesOf, type EnginePlace } from './engine-places.js';
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
  /** Where its steps name their engine (for checks of this machine: a kubernetes step without a cluster). */
  engines: EnginePlace[];
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
  const aliases = new Map<string, Diagnostic>();
  for (const file of files) {
    loadFile(file, pending);
    for (const doc of pending.jobs) definitions.push(unique(validated(doc), doc, aliases));
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
    engines: enginePlacesOf(doc),
  };
}

/**
 * A second definition with an alias already seen (in this file or another)
 * gets an error at its alias: applying both would make one replace the other.
 */
function unique(def: Definition, doc: LoadedDocument, seen: Map<string, Diagnostic>): Definition {
  if (def.alias === undefined) return def;
  const { line, col } = positionOf(doc.doc, doc.lineCounter, ['metadata', 'alias']);
  const first = seen.get(def.alias);
  if (first === undefined) {
    seen.set(def.alias, { file: def.file, line, col, severity: 'error', code: 'E_DUPLICATE_ALIAS', message: '', field: 'metadata.alias' });
    return def;
  }
  def.diagnostics.push({
    file: def.file,
    line,
    col,
    severity: 'error',
    code: 'E_DUPLICATE_ALIAS',
    message: `duplicate job alias ${JSON.stringify(def.alias)}: also defined at ${first.file}:${first.line}:${first.col}`,
    hint: 'every job needs its own metadata.alias; rename one of them',
    field: 'metadata.alias',
  });
  return { ...def, diagnostics: sortDiagnostics(def.diagnostics), job: undefined };
}

function aliasOf(value: unknown): string | undefined {
  const meta = (value as { metadata?: { alias?: unknown } } | null)?.metadata;
  const alias = meta?.alias;
  return typeof alias === 'string' && alias.trim() !== '' ? alias.trim() : undefined;
}
