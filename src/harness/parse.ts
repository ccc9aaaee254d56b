/**
 * Reading a scenario file into YAML documents with positions. Blank
 * documents (empty, `---` only, or an empty mapping) are skipped; YAML
 * syntax errors become diagnostics.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Diagnostic } from '../jobdef/diagnostic.js';
import type { LoadedDocument } from '../jobdef/load.js';
import { fileProblem } from './discover.js';

/** The non-blank documents of one file, and what went wrong reading it. */
export interface ParsedFile {
  documents: LoadedDocument[];
  diagnostics: Diagnostic[];
}

/** Reads and parses `file`. */
export function parseScenarioFile(file: string): ParsedFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { documents: [], diagnostics: [fileProblem(file, 'E_READ', `${file}: ${(err as Error).message}`)] };
  }
  return parseScenarioText(file, text);
}

/** Parses the text of a scenario file (exported for tests). */
export function parseScenarioText(file: string, text: string): ParsedFile {
  const out: ParsedFile = { documents: [], diagnostics: [] };
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (!Array.isArray(docs)) return out;
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        out.diagnostics.push({
          file,
          line: pos.line,
          col: pos.col,
          severity: 'error',
          code: e.code === 'DUPLICATE_KEY' ? 'E_DUPLICATE_KEY' : 'E_YAML',
          message: `YAML syntax error: ${firstLine(e.message)}`,
          hint: 'fix the YAML syntax; nothing else in this document was checked',
          field: '',
        });
      }
      return;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (isBlank(value)) return;
    const start = doc.contents?.range[0] ?? doc.range[0];
    out.documents.push({ file, index, line: lineCounter.linePos(start).line, doc, lineCounter, value });
  });
  return out;
}

function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  return typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).replace(/ at line \d+, column \d+:?$/, '').trim();
}
