/**
 * Files → YAML documents with positions. The reading and the positional
 * multi-document parse serve every YAML file caesium reads (job definitions,
 * harness scenarios); sorting job definitions from other documents is the
 * job loader's own step.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, type Document } from 'yaml';
import type { Diagnostic } from './diagnostic.js';
import { fileProblem, findFiles, isYamlFileName, type FileRule } from './discover.js';
import { nearMissWarning } from './near-miss.js';
import { aliasProblem } from './yaml-aliases.js';
import { composeYaml, MAX_DEPTH, MAX_YAML_ERRORS, type YamlProblem } from './yaml-compose.js';

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
  const stream = composeYaml(text, lineCounter);
  const out: LoadedDocument[] = [];
  const problem = (p: YamlProblem): void => {
    diagnostics.push(yamlDiagnostic(file, text, lineCounter.linePos(p.offset), p, options));
  };
  stream.documents.forEach(({ doc, offset, problems }, index) => {
    problems.forEach(problem);
    if (doc === undefined || problems.length > 0) return;
    const bad = aliasProblem(doc);
    if (bad !== undefined) return problem(bad);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: -1 });
    } catch (err) {
      return problem({ offset, code: 'YAML', message: (err as Error).message });
    }
    out.push({ file, index, line: lineCounter.linePos(offset).line, doc, lineCounter, value });
  });
  if (stream.more > 0) {
    const { line, col } = lineCounter.linePos(stream.moreOffset);
    diagnostics.push({
      file,
      line,
      col,
      severity: 'error',
      code: 'E_TOO_MANY_ERRORS',
      message: `… and ${stream.more} more YAML error${stream.more === 1 ? '' : 's'} in this file (the first ${MAX_YAML_ERRORS} are shown)`,
      hint: 'fix the errors above first; later ones are often caused by them',
      field: '',
    });
  }
  return out;
}

/** A YAML problem as a diagnostic at `pos`. */
function yamlDiagnostic(file: string, text: string, pos: { line: number; col: number }, p: YamlProblem, options: ParseOptions): Diagnostic {
  const duplicate = p.code === 'DUPLICATE_KEY';
  const key = duplicate && options.nameDuplicateKeys !== false ? keyAt(text, p.offset) : undefined;
  const located = { file, line: pos.line, col: pos.col, severity: 'error' as const, field: '' };
  if (key !== undefined) {
    const hint = 'a key may appear once in a mapping: remove or rename one; nothing else in this document was checked';
    return { ...located, code: 'E_DUPLICATE_KEY', message: `duplicate key ${key}`, hint };
  }
  const guard = GUARDS[p.code];
  if (guard !== undefined) return { ...located, code: guard.code, message: `YAML error: ${p.message}`, hint: guard.hint };
  const hint = 'fix the YAML syntax; nothing else in this document was checked';
  return { ...located, code: duplicate ? 'E_DUPLICATE_KEY' : 'E_YAML', message: `YAML syntax error: ${firstLine(p.message)}`, hint };
}

/** What to do about the problems the guards find (yaml-compose.ts, yaml-aliases.ts). */
const GUARDS: Readonly<Record<string, { code: string; hint: string } | undefined>> = {
  TOO_DEEP: {
    code: 'E_YAML_TOO_DEEP',
    hint: `flatten the document (at most ${MAX_DEPTH} nested levels); nothing else in this document was checked`,
  },
  BAD_ALIAS: {
    code: 'E_YAML_ALIAS',
    hint: 'define the anchor (`&name`) on a node before the alias (`*name`) and outside it, or write the value out; nothing else in this document was checked',
  },
  ALIAS_BOMB: {
    code: 'E_YAML_ALIAS_BOMB',
    hint: 'write the values out or use fewer nested aliases; nothing else in this document was checked',
  },
};

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
    if (reason === undefined) {
      into.jobs.push(doc);
      continue;
    }
    into.skipped.push({ file, index: doc.index, line: doc.line, reason });
    const nearMiss = nearMissWarning(doc);
    if (nearMiss !== undefined) into.diagnostics.push(nearMiss);
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
