/**
 * The first of the database console's guards (docs/operator-consoles.md): a
 * check of the SQL text before it reaches SQLite. One statement only (a `;`
 * outside literals and comments may only end the text); after comments and
 * literals are masked it must start with SELECT, WITH or EXPLAIN and hold no
 * word that writes, attaches, vacuums or loads an extension. The read-only
 * connection it then runs on is the guard that does not depend on this one.
 */

/** What the check decided. */
export type SqlCheck = { ok: true; sql: string; statementType: string } | { ok: false; message: string };

const FIRST_WORDS = new Set(['SELECT', 'WITH', 'EXPLAIN']);

/** Words no read-only statement needs; `REPLACE(` (the string function) is allowed. */
const WRITE_WORDS = [
  'INSERT',
  'UPDATE',
  'DELETE',
  'UPSERT',
  'ALTER',
  'DROP',
  'CREATE',
  'REPLACE',
  'TRUNCATE',
  'ATTACH',
  'DETACH',
  'VACUUM',
  'REINDEX',
  'ANALYZE',
  'PRAGMA',
  'LOAD_EXTENSION',
  'SAVEPOINT',
  'RELEASE',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
];

/** Checks `raw`; on success `sql` is the statement without its comments' lead and trailing `;`. */
export function checkReadOnlySql(raw: string): SqlCheck {
  const masked = mask(raw);
  const firstSemicolon = masked.indexOf(';');
  if (firstSemicolon >= 0 && masked.slice(firstSemicolon + 1).trim() !== '') {
    return { ok: false, message: 'only a single SQL statement is allowed' };
  }
  const body = firstSemicolon >= 0 ? masked.slice(0, firstSemicolon) : masked;
  const start = body.search(/\S/);
  if (start < 0) return { ok: false, message: 'query is required' };
  const upper = body.toUpperCase();
  const first = /^[A-Z_]+/.exec(upper.slice(start))?.[0] ?? '';
  if (!FIRST_WORDS.has(first)) {
    return {
      ok: false,
      message: `only read-only SQL statements are allowed: a query starts with SELECT, WITH or EXPLAIN, not ${first || JSON.stringify(upper.slice(start, start + 10))}`,
    };
  }
  for (const word of WRITE_WORDS) {
    const pattern = word === 'REPLACE' ? /\bREPLACE\b(?!\s*\()/ : new RegExp(`\\b${word}\\b`);
    if (pattern.test(upper)) {
      const why =
        word === 'LOAD_EXTENSION'
          ? 'LOAD_EXTENSION would load native code into the database connection'
          : `${word} may change the database`;
      return { ok: false, message: `only read-only SQL statements are allowed: ${why}` };
    }
  }
  if (/\bSELECT\b[^]*\bINTO\b/.test(upper))
    return { ok: false, message: 'only read-only SQL statements are allowed: SELECT INTO writes a table' };
  const end = firstSemicolon >= 0 ? firstSemicolon : raw.length;
  return { ok: true, sql: raw.slice(start, end).trim(), statementType: first.toLowerCase() };
}

/**
 * `raw` with every comment and the inside of every string and quoted
 * identifier replaced by spaces (same length, so offsets still match).
 */
function mask(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    const two = raw.slice(i, i + 2);
    let end: number;
    if (two === '--') end = until(raw, '\n', i + 2);
    else if (two === '/*') end = until(raw, '*/', i + 2);
    else if (c === "'" || c === '"' || c === '`') end = quoted(raw, c, i);
    else if (c === '[') end = until(raw, ']', i + 1);
    else {
      out += c;
      i++;
      continue;
    }
    out += ' '.repeat(end - i);
    i = end;
  }
  return out;
}

/** Index just past the next `close` at or after `from` (or the end of the text). */
function until(raw: string, close: string, from: number): number {
  const at = raw.indexOf(close, from);
  return at < 0 ? raw.length : at + close.length;
}

/** Index just past a literal opened at `from` with `quote` (a doubled quote escapes it). */
function quoted(raw: string, quote: string, from: number): number {
  let i = from + 1;
  while (i < raw.length) {
    if (raw[i] === quote) {
      if (raw[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return raw.length;
}
