/**
 * Files → YAML documents with positions. The reading and the positional
 * multi-document parse serve every YAML file caesium reads (job definitions,
 * harness scenarios); sorting job definitions from other documents is the
 * job loader's own step.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Diagnostic } from './diagnostic.js';
import { fileProblem, findFiles, isYamlFileName, type FileRule } from './discover.js';

/** One YAML document of a file, with what is needed to point at its nodes. */
export interface LoadedDocument {
  /** The path as shown to the user (relative to the working directory when below it). */
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  /** 1-based line where the document's content starts. */
  line: number;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data (`doc.toJS()`). */
  value: unknown;
}

/** How a parse words the problems it finds. */
export interface ParseOptions {
  /**
   * Name the repeated key of a duplicate-key error (`duplicate key "name"`, the
   * default); with false, yaml's own words like any other syntax error.
   */
  nameDuplicateKeys?: boolean;
}

/** Reads `file` as UTF-8; a read error becomes a diagnostic and the result undefined. */
export function readSourceFile(file: string, diagnostics: Diagnostic[]): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    diagnostics.push(fileProblem(file, 'E_READ', `${file}: ${(err as Error).message}`));
    return undefined;
  }
}

/**
 * Every document of `text` that parsed, in file order, with positions. Each
 * YAML error of the others becomes a diagnostic (nothing else in such a
 * document is checked). An empty stream has no documents.
 */
export function parseDocuments(file: string, text: string, diagnostics: Diagnostic[], options: ParseOptions = {}): LoadedDocument[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (!Array.isArray(docs)) return [];
  const out: LoadedDocument[] = [];
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        const duplicate = e.code === 'DUPLICATE_KEY';
        const key = duplicate && options.nameDuplicateKeys !== false ? keyAt(text, e.pos[0]) : undefined;
        diagnostics.push({
          file,
          line: pos.line,
          col: pos.col,
          severity: 'error',
          code: duplicate ? 'E_DUPLICATE_KEY' : 'E_YAML',
          message: key === undefined ? `YAML syntax error: ${firstLine(e.message)}` : `duplicate key ${key}`,
          hint:
            key === undefined
              ? 'fix the YAML syntax; nothing else in this document was checked'
              : 'a key may appear once in a mapping: remove or rename one; nothing else in this document was checked',
          field: '',
        });
      }
      return;
    }
    const start = doc.contents?.range[0] ?? doc.range[0];
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    out.push({ file, index, line: lineCounter.linePos(start).line, doc, lineCounter, value });
  });
  return out;
}

/** True for a document with nothing in it: empty, `---` only, `~`, or an empty mapping. */
export function isBlankDocument(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  return typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}

/** The first line of a yaml error, without the position it repeats (we report it separately). */
function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).replace(/ at line \d+, column \d+:?$/, '').trim();
}

/** The key written at `offset` (quoted as written, or in double quotes when plain). */
function keyAt(text: string, offset: number): string | undefined {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#\n]+?)\s*:/.exec(text.slice(offset, offset + 1000));
  if (m === null) return undefined;
  const key = m[1] as string;
  return key.startsWith('"') || key.startsWith("'") ? key : JSON.stringify(key);
}

// --- job definitions ---------------------------------------------------------

export interface SkippedDocument {
  file: string;
  index: number;
  line: number;
  /** Why it was skipped, e.g. `kind Harness`, `blank document`. */
  reason: string;
}

export interface LoadResult {
  /** YAML files read, in walk order. */
  files: string[];
  /** Documents that are job definitions (`kind: Job`, or no kind but job-shaped). */
  jobs: LoadedDocument[];
  /** Documents passed over (docs/decisions.md D3), for `--verbose`. */
  skipped: SkippedDocument[];
  /** Problems reading files or parsing YAML. */
  diagnostics: Diagnostic[];
}

/** Job definitions: every YAML file a walk finds. */
const JOB_FILES: FileRule = { matches: isYamlFileName, flag: '--path', what: 'job definitions' };

/** Finds every `.yaml`/`.yml` file under the given paths (directories walked recursively, sorted). */
export function findYamlFiles(paths: readonly string[], diagnostics: Diagnostic[]): string[] {
  return findFiles(paths, diagnostics, JOB_FILES);
}

/** Reads and parses one YAML file into `into`; a read error becomes a diagnostic. */
export function loadFile(file: string, into: LoadResult): void {
  const text = readSourceFile(file, into.diagnostics);
  if (text !== undefined) loadText(file, text, into);
}

/** Parses one file's text into `into` (exported for tests and for stdin). */
export function loadText(file: string, text: string, into: LoadResult): void {
  for (const doc of parseDocuments(file, text, into.diagnostics)) {
    const reason = skipReason(doc.value);
    if (reason === undefined) into.jobs.push(doc);
    else into.skipped.push({ file, index: doc.index, line: doc.line, reason });
  }
}

/** Why a document is not a job definition, or undefined when it is one (docs/decisions.md D3). */
function skipReason(value: unknown): string | undefined {
  if (isBlankDocument(value)) return 'blank document';
  if (typeof value !== 'object' || Array.isArray(value)) return 'not a mapping';
  const v = value as Record<string, unknown>;
  if (v.kind === 'Job') return undefined;
  if (v.kind !== undefined) return `kind ${scalarText(v.kind)}`;
  if (v.steps !== undefined || v.trigger !== undefined) return undefined;
  return v.apiVersion !== undefined ? `apiVersion ${scalarText(v.apiVersion)} without kind` : 'no kind';
}

function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
