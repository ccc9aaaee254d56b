/** JSON columns: encoded on write, decoded on read (null stays null). */

/** Encodes a value for a JSON text column; undefined and null become SQL NULL. */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Decodes a JSON text column. */
export function fromJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/** Booleans are stored as 0/1 integers (portable across SQLite and PostgreSQL). */
export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

/** Reads a 0/1 column (a driver may return it as a string or bigint). */
export function fromFlag(value: unknown): boolean {
  return Number(value) === 1;
}
