/**
 * A trigger's `secret`, resolved per request (docs/decisions.md §1.3): a
 * literal, or `secret://env/NAME` read from the server's environment when
 * `CAESIUM_JOBDEF_SECRETS_ENABLE_ENV` allows it.
 *
 * A reference fails closed: a provider caesium does not serve (`k8s`,
 * `vault`), the env provider turned off, or a variable unset or empty leaves
 * the secret unresolved and the request is refused. An empty *literal* secret
 * still means "no authentication", as docs/decisions.md says.
 */
/** Where `secret://env/NAME` is looked up, and whether that provider is on. */
export interface SecretSources {
  /** The server's environment. */
  env: Readonly<Record<string, string | undefined>>;
  /** `CAESIUM_JOBDEF_SECRETS_ENABLE_ENV`. */
  envSecrets: boolean;
}

const PREFIX = 'secret://';

/** The resolved secret, or why it could not be resolved. */
export type SecretResult = { ok: true; value: string } | { ok: false; problem: string };

/** Resolves `secret` (trimmed config text). */
export function resolveHookSecret(secret: string, settings: SecretSources): SecretResult {
  if (!secret.toLowerCase().startsWith(PREFIX)) return { ok: true, value: secret };
  const rest = secret.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  const provider = slash < 0 ? rest : rest.slice(0, slash);
  const name = slash < 0 ? '' : rest.slice(slash + 1);
  if (provider !== 'env') return { ok: false, problem: `secret provider "${provider}" is not available to webhooks` };
  if (!settings.envSecrets) return { ok: false, problem: 'the env secret provider is disabled (CAESIUM_JOBDEF_SECRETS_ENABLE_ENV)' };
  const value = name === '' ? undefined : settings.env[name];
  if (value === undefined || value === '') return { ok: false, problem: `environment variable "${name}" is not set` };
  return { ok: true, value };
}
