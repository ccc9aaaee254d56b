/**
 * Finding the YAML files under the paths a user gave: directories are walked
 * recursively (entries sorted by name, hidden and build folders skipped) for the
 * files a rule picks; a file named explicitly may be any `.yaml` / `.yml` file.
 * Job definitions and harness scenarios share this walk with their own rules.
 */
import { readdirSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative } from 'node:path';
import type { Diagnostic } from './diagnostic.js';

/** Which files a walk picks up, and how its messages name them. */
export interface FileRule {
  /** True for a file name a directory walk picks up. */
  matches(name: string): boolean;
  /** The flag the paths came from, named in the hint for a missing path (`--path`). */
  flag: string;
  /** What the files hold, named in the hint for a file that is not YAML (`job definitions`). */
  what: string;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.caesium', 'dist']);

/** True for a `.yaml` / `.yml` name, in any case. */
export function isYamlFileName(name: string): boolean {
  const ext = extname(name).toLowerCase();
  return ext === '.yaml' || ext === '.yml';
}

/**
 * The files under `paths` that `rule` picks, in walk order, each once. A
 * missing path or an explicit file that is not YAML becomes an error diagnostic.
 */
export function findFiles(paths: readonly string[], diagnostics: Diagnostic[], rule: FileRule): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string): void => {
    if (seen.has(p)) return;
    seen.add(p);
    out.push(p);
  };
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(p);
      } else if (e.isFile() && rule.matches(e.name)) {
        add(p);
      }
    }
  };
  for (const raw of paths) {
    const p = displayPath(raw);
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      diagnostics.push(fileProblem(p, 'E_NOT_FOUND', `${p}: no such file or directory`, `check the ${rule.flag} value`));
      continue;
    }
    if (isDir) walk(p);
    else if (isYamlFileName(p)) add(p);
    else diagnostics.push(fileProblem(p, 'E_NOT_YAML', `${p} is not a YAML file`, `${rule.what} are .yaml or .yml files`));
  }
  return out;
}

/** A problem with a whole file (no position inside it). */
export function fileProblem(file: string, code: string, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { file, line: 1, col: 1, severity: 'error', code, message, field: '' };
  if (hint !== undefined) d.hint = hint;
  return d;
}

/** Shows a path relative to the working directory when it lies below it. */
function displayPath(p: string): string {
  if (!isAbsolute(p)) return p;
  const rel = relative(process.cwd(), p);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
}
