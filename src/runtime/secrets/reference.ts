/**
 * `secret://<provider>/<path>` references in a step's `env` (docs/decisions.md
 * §1.5): parsing only, no I/O.
 */

const PREFIX = 'secret://';

/** A parsed reference: the provider (lower-cased) and what follows its slash. */
export interface SecretReference {
  raw: string;
  provider: string;
  path: string;
}

/** True when `value` is a `secret://` reference (any case of the scheme). */
function isSecretReference(value: string): boolean {
  return value.trim().toLowerCase().startsWith(PREFIX);
}

/** The parts of a reference; undefined when `value` is not one. */
export function parseSecretReference(value: string): SecretReference | undefined {
  const raw = value.trim();
  if (!isSecretReference(raw)) return undefined;
  const rest = raw.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  const provider = (slash < 0 ? rest : rest.slice(0, slash)).trim().toLowerCase();
  const path = slash < 0 ? '' : rest.slice(slash + 1);
  return { raw, provider, path };
}
