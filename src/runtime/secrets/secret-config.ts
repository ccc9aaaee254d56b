/** Which secret providers are configured, read once from the environment (docs/decisions.md §16). */

type Env = Readonly<Record<string, string | undefined>>;

/** How to reach a Vault server's KV v2 read API. */
export interface VaultSettings {
  /** `CAESIUM_JOBDEF_SECRETS_VAULT_ADDRESS`, without a trailing slash. */
  address: string;
  token: string;
  namespace: string;
  /** A PEM file of the CA that signed the server's certificate. */
  caCertPath: string;
  skipVerify: boolean;
}

/** The providers a resolver may use. */
export interface SecretSettings {
  /** `secret://env/NAME`: on unless `CAESIUM_JOBDEF_SECRETS_ENABLE_ENV` is false. */
  envEnabled: boolean;
  /** Where `secret://env/NAME` is read (the process environment, with `--env-file` values over it). */
  env: Env;
  /** `secret://file/NAME` reads `<dir>/NAME`; undefined: the provider is not configured. */
  fileDir: string | undefined;
  /** undefined: no `CAESIUM_JOBDEF_SECRETS_VAULT_ADDRESS`, the provider is not configured. */
  vault: VaultSettings | undefined;
}

/** The settings of `env`; `secretEnv` is where env references are looked up (default `env`). */
export function secretSettingsFromEnv(env: Env, secretEnv: Env = env): SecretSettings {
  const text = (name: string): string => env[name]?.trim() ?? '';
  const address = text('CAESIUM_JOBDEF_SECRETS_VAULT_ADDRESS').replace(/\/+$/, '');
  const fileDir = text('CAESIUM_JOBDEF_SECRETS_FILE_DIR');
  return {
    envEnabled: !isFalse(text('CAESIUM_JOBDEF_SECRETS_ENABLE_ENV')),
    env: secretEnv,
    fileDir: fileDir === '' ? undefined : fileDir,
    vault:
      address === ''
        ? undefined
        : {
            address,
            token: text('CAESIUM_JOBDEF_SECRETS_VAULT_TOKEN'),
            namespace: text('CAESIUM_JOBDEF_SECRETS_VAULT_NAMESPACE'),
            caCertPath: text('CAESIUM_JOBDEF_SECRETS_VAULT_CA_CERT'),
            skipVerify: isTrue(text('CAESIUM_JOBDEF_SECRETS_VAULT_SKIP_VERIFY')),
          },
  };
}

function isTrue(value: string): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
}

function isFalse(value: string): boolean {
  return ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value);
}
