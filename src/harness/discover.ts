/**
 * Finding scenario files: directories are walked recursively for files named
 * `*.scenario.yaml` / `*.scenario.yml` (case-insensitive); a file given
 * explicitly may be any `.yaml` / `.yml` file.
 */
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Diagnostic } from '../jobdef/diagnostic.js';
import { displayPath } from '../jobdef/load.js';

const SKIP_DIRS = new Set(['node_modules', '.git', '.caesium', 'dist']);

/** True for a file name a directory walk picks up. */
export function isScenarioFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.scenario.yaml') || lower.endsWith('.scenario.yml');
}

function isYaml(name: string): boolean {
  const ext = extname(name).toLowerCase();
  return ext === '.yaml' || ext === '.yml';
}

/**
 * The scenario files under `paths`, in walk order (entries sorted by name),
 * each once. A missing path or a non-YAML file becomes an error diagnostic.
 */
export function findScenarioFiles(paths: readonly string[], diagnostics: Diagnostic[]): string[] {
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
      } else if (e.isFile() && isScenarioFileName(e.name)) {
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
      diagnostics.push(fileProblem(p, 'E_NOT_FOUND', `${p}: no such file or directory`, 'check the --scenario value'));
      continue;
    }
    if (isDir) walk(p);
    else if (isYaml(p)) add(p);
    else diagnostics.push(fileProblem(p, 'E_NOT_YAML', `${p} is not a YAML file`, 'harness scenarios are .yaml or .yml files'));
  }
  return out;
}

/** A problem with a whole file (no position inside it). */
export function fileProblem(file: string, code: string, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { file, line: 1, col: 1, severity: 'error', code, message, field: '' };
  if (hint !== undefined) d.hint = hint;
  return d;
}
