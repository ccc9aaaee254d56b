import type { Diagnostic, Severity } from './diagnostic.js';
import type { FieldPath } from './position.js';
import { locator, type DefinitionSource, type Locate } from './source.js';

/** Optional parts of a reported problem. */
export interface IssueOptions {
  hint?: string;
  /** Point at the key of the last path element rather than its value. */
  key?: boolean;
}

/**
 * Collects the diagnostics of one document. Rules name the offending node by
 * its path; the reporter turns that into `file:line:col` (a YAML document) or
 * only the field (a bare value) and a field string.
 */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  readonly #ranks: number[] = [];
  readonly #locate: Locate;

  constructor(private readonly source: DefinitionSource) {
    this.#locate = locator(source);
  }

  /** The diagnostics in document order (stable among those at one node). */
  inDocumentOrder(): Diagnostic[] {
    return this.diagnostics
      .map((d, i) => ({ d, i }))
      .sort((a, b) => (this.#ranks[a.i] as number) - (this.#ranks[b.i] as number) || a.i - b.i)
      .map(({ d }) => d);
  }

  error(path: FieldPath, code: string, message: string, opts: IssueOptions = {}): void {
    this.add('error', path, code, message, opts);
  }

  warn(path: FieldPath, code: string, message: string, opts: IssueOptions = {}): void {
    this.add('warning', path, code, message, opts);
  }

  private add(severity: Severity, path: FieldPath, code: string, message: string, opts: IssueOptions): void {
    const { line, col, rank } = this.#locate(path, opts.key === true);
    const d: Diagnostic = { file: this.source.file, line, col, severity, code, message, field: fieldOf(path) };
    if (opts.hint !== undefined) d.hint = opts.hint;
    this.diagnostics.push(d);
    this.#ranks.push(rank);
  }
}

const IDENT = /^[A-Za-z_$][\w$-]*$/;

/** Formats a path the way messages name fields: `steps[2].env.HOME`, `labels["a.b"]`. */
export function fieldOf(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
