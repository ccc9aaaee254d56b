/**
 * Which names hold a secret, the one rule every redaction applies (docs/security.md): a member named
 * `secret`, `token`, `password`, `passwd`, `api_key`, `apikey`, `authorization`, `cookie` or
 * `credentials`; an env variable with one of those as a `_`-separated word (or `API_KEY`).
 */

/** Member names (lower case) whose values are secrets. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'secret',
  'token',
  'password',
  'passwd',
  'api_key',
  'apikey',
  'authorization',
  'cookie',
  'credentials',
]);

/**
 * Whether an environment variable named `name` holds a secret: one of its
 * `_`-separated words (or `API_KEY`) is a secret-bearing name, as in
 * `DB_PASSWORD`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`.
 */
export function secretBearingEnv(name: string): boolean {
  const words = name.toLowerCase().split('_');
  return words.some((w, i) => SECRET_KEYS.has(w) || (w === 'api' && words[i + 1] === 'key'));
}
