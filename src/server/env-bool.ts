/** Go's strconv.ParseBool over an optional `CAESIUM_*` variable, for the consoles' switches. */
import { UsageError } from '../errors.js';

/** Unset or blank: false; otherwise one of Go's words, else a usage error naming `name`. */
export function envFlag(raw: string | undefined, name: string): boolean {
  const v = raw?.trim() ?? '';
  if (v === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw new UsageError(`${name} must be true or false; got "${raw}"`);
}
