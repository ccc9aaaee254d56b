import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, isAbsolute } from 'node:path';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Diagnostic } from './diagnostic.js';

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
  /** Documents passed over (D3), for `--verbose`. */
  skipped: SkippedDocument[];
  /** Problems reading files or parsing YAML. */
  diagnostics: Diagnostic[];
}

const YAML_EXT = new Set(['.yaml', '.yml']);
const SKIP_DIRS = new Set(['node_modules', '.git', '.caesium', 'dist']);

/** Finds every `.yaml`/`.yml` file under the given paths (directories walked recursively, sorted). */
export function findYamlFiles(paths: readonly string[], diagnostics: Diagnostic[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string): void => {
    if (!seen.has(p)) {
      seen.add(p);
      out.push(p);
    }
  };
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(p);
      } else if (e.isFile() && YAML_EXT.has(extname(e.name).toLowerCase())) {
        add(p);
      }
    }
  };
  for (const raw of paths) {
    const p = displayPath(raw);
    let st;
    try {
      st = statSync(p);
    } catch {
      diagnostics.push(fileDiagnostic(p, 'E_NOT_FOUND', `${p}: no such file or directory`, 'check the --path value'));
      continue;
    }
    if (st.isDirectory()) walk(p);
    else if (YAML_EXT.has(extname(p).toLowerCase())) add(p);
    else diagnostics.push(fileDiagnostic(p, 'E_NOT_YAML', `${p} is not a YAML file`, 'job definitions are .yaml or .yml files'));
  }
  return out;
}

/** Reads and parses every YAML file under `paths` (D3: one loader for all commands). */
export function loadPaths(paths: readonly string[]): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const files = findYamlFiles(paths, diagnostics);
  const result: LoadResult = { files, jobs: [], skipped: [], diagnostics };
  for (const file of files) loadFile(file, result);
  return result;
}

/** Reads and parses one YAML file into `into`; a read error becomes a diagnostic. */
export function loadFile(file: string, into: LoadResult): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    into.diagnostics.push(fileDiagnostic(file, 'E_READ', `${file}: ${(err as Error).message}`));
    return;
  }
  loadText(file, text, into);
}

/** Parses one file's text into `into` (exported for tests and for stdin). */
export function loadText(file: string, text: string, into: LoadResult): void {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) {
    // An empty stream: nothing to load.
    return;
  }
  list.forEach((doc, index) => {
    const start = doc.contents?.range[0] ?? doc.range[0];
    const line = lineCounter.linePos(start).line;
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        const dup = e.code === 'DUPLICATE_KEY' ? keyAt(text, e.pos[0]) : undefined;
        into.diagnostics.push({
          file,
          line: pos.line,
          col: pos.col,
          severity: 'error',
          code: dup === undefined ? 'E_YAML' : 'E_DUPLICATE_KEY',
          message: dup === undefined ? `YAML syntax error: ${firstLine(e.message)}` : `duplicate key ${dup}`,
          hint:
            dup === undefined
              ? 'fix the YAML syntax; nothing else in this document was checked'
              : 'a key may appear once in a mapping: remove or rename one; nothing else in this document was checked',
          field: '',
        });
      }
      return;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    const reason = skipReason(value);
    if (reason !== undefined) {
      into.skipped.push({ file, index, line, reason });
      return;
    }
    into.jobs.push({ file, index, line, doc, lineCounter, value });
  });
}

/** Why a document is not a job definition, or undefined when it is one (D3). */
function skipReason(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'blank document';
  if (typeof value !== 'object' || Array.isArray(value)) return 'not a mapping';
  const v = value as Record<string, unknown>;
  if (v.kind === 'Job') return undefined;
  if (v.kind !== undefined) return `kind ${scalarText(v.kind)}`;
  if (v.steps !== undefined || v.trigger !== undefined) return undefined;
  if (Object.keys(v).length === 0) return 'blank document';
  return v.apiVersion !== undefined ? `apiVersion ${scalarText(v.apiVersion)} without kind` : 'no kind';
}

function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
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

function fileDiagnostic(file: string, code: string, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { file, line: 1, col: 1, severity: 'error', code, message, field: '' };
  if (hint !== undefined) d.hint = hint;
  return d;
}

/** Shows a path relative to the working directory when it lies below it. */
export function displayPath(p: string): string {
  if (!isAbsolute(p)) return p;
  const rel = relative(process.cwd(), p);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
}
