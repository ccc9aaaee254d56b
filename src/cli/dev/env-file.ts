/**
 * `caesium dev --env-file FILE` (repeatable, later files win): dotenv files
 * read once at the boundary. A line is `KEY=VALUE` (an `export ` prefix is
 * allowed); `#` starts a comment line; blank lines are skipped. A value may be
 * single-quoted (taken literally), double-quoted (`\n`, `\t`, `\"`, `\\`
 * escapes) or bare (trimmed; ` #` starts a comment). `${…}` is never
 * expanded. A bad line is a usage error naming file:line.
 */
import { readFileSync } from 'node:fs';
import type { StringMap } from '../../jobdef/types.js';
import { UsageError } from '../../errors.js';
import { errorText } from '../../errors.js';

const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;

/** The variables of `files`, in order (a later file overrides an earlier one). */
export function readEnvFiles(files: readonly string[]): StringMap {
  const out: StringMap = {};
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`--env-file ${file} cannot be read: ${errorText(error)}`);
    }
    Object.assign(out, parseEnvFile(text, file));
  }
  return out;
}

/** Parses one dotenv text; `file` names it in errors. */
export function parseEnvFile(text: string, file: string): StringMap {
  const out: StringMap = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = LINE.exec(trimmed);
    const value = match === null ? undefined : valueOf(match[2] ?? '');
    if (match === null || value === undefined) {
      throw new UsageError(
        `${file}:${i + 1}: not a KEY=VALUE line`,
        'dotenv lines look like NAME=value, NAME="quoted value" or # a comment',
      );
    }
    out[match[1] as string] = value;
  });
  return out;
}

function valueOf(rest: string): string | undefined {
  const quote = rest[0];
  if (quote === "'" || quote === '"') {
    const end = rest.indexOf(quote, 1);
    let close = end;
    if (quote === '"') {
      close = 1;
      while (close < rest.length && rest[close] !== '"') close += rest[close] === '\\' ? 2 : 1;
    }
    if (close < 0 || close >= rest.length) return undefined;
    const after = rest.slice(close + 1).trim();
    if (after !== '' && !after.startsWith('#')) return undefined;
    const inner = rest.slice(1, close);
    return quote === "'" ? inner : inner.replace(/\\([nt"\\])/g, (_m, c: string) => ({ n: '\n', t: '\t', '"': '"', '\\': '\\' })[c] ?? c);
  }
  const comment = rest.search(/\s#/);
  return (comment < 0 ? rest : rest.slice(0, comment)).trim();
}
