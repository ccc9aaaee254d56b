/**
 * Resolves `secret://` references of a step's env through the configured
 * providers: `env` (on by default), `file` (`CAESIUM_JOBDEF_SECRETS_FILE_DIR`)
 * and `vault` (`CAESIUM_JOBDEF_SECRETS_VAULT_*`). A provider that is not
 * configured, or a value that cannot be found, is a problem naming the step
 * and the key; a reference never reaches a task as its literal text.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StringMap } from '../../jobdef/types.js';
import { parseSecretReference } from './reference.js';
import type { SecretSettings } from './secret-config.js';
import { readVaultSecret } from './vault.js';
import { errorText } from '../../errors.js';

/** A resolved value, or why it could not be resolved. */
export type SecretResult = { ok: true; value: string } | { ok: false; problem: string };

/** A step's env with its references resolved, and the values to mask in what the task prints. */
export interface ResolvedEnv {
  env: StringMap;
  secrets: string[];
}

/** Resolves references with one set of providers. */
export class SecretResolver {
  constructor(readonly settings: SecretSettings) {}

  /** Resolves one reference (`value` must be a `secret://` reference). */
  async resolve(value: string): Promise<SecretResult> {
    const ref = parseSecretReference(value);
    if (ref === undefined) return { ok: true, value };
    const { settings } = this;
    switch (ref.provider) {
      case 'env': {
        if (!settings.envEnabled)
          return { ok: false, problem: 'the env secret provider is turned off (CAESIUM_JOBDEF_SECRETS_ENABLE_ENV=false)' };
        const found = ref.path === '' ? undefined : settings.env[ref.path];
        if (found === undefined || found === '') return { ok: false, problem: `environment variable "${ref.path}" is not set` };
        return { ok: true, value: found };
      }
      case 'file':
        return settings.fileDir === undefined
          ? { ok: false, problem: 'the file secret provider is not configured (set CAESIUM_JOBDEF_SECRETS_FILE_DIR to a directory)' }
          : readSecretFile(settings.fileDir, ref.path);
      case 'vault':
        return settings.vault === undefined
          ? { ok: false, problem: 'the vault secret provider is not configured (set CAESIUM_JOBDEF_SECRETS_VAULT_ADDRESS and _TOKEN)' }
          : readVaultSecret(settings.vault, ref.path);
      case 'k8s':
        return { ok: false, problem: 'the k8s secret provider is not available yet (it comes with the Kubernetes runtime)' };
      default:
        return { ok: false, problem: `unknown secret provider "${ref.provider}" (use env, file or vault)` };
    }
  }

  /**
   * Resolves every reference in `env`; rejects with an error naming `step`
   * and each key that could not be resolved.
   */
  async resolveEnv(step: string, env: StringMap): Promise<ResolvedEnv> {
    const out: StringMap = { ...env };
    const secrets: string[] = [];
    const problems: string[] = [];
    for (const [key, value] of Object.entries(env)) {
      if (parseSecretReference(value) === undefined) continue;
      const result = await this.resolve(value);
      if (result.ok) {
        out[key] = result.value;
        secrets.push(result.value);
      } else {
        problems.push(`env ${key} (${value.trim()}): ${result.problem}`);
      }
    }
    if (problems.length > 0) throw new SecretError(`step "${step}": secret not resolved: ${problems.join('; ')}`);
    return { env: out, secrets };
  }
}

/** A reference that could not be resolved. */
export class SecretError extends Error {
  override readonly name = 'SecretError';
}

async function readSecretFile(dir: string, name: string): Promise<SecretResult> {
  const root = path.resolve(dir);
  const file = path.resolve(root, name);
  if (name === '' || !file.startsWith(root + path.sep)) {
    return { ok: false, problem: `"${name}" is not a file name inside ${root} (CAESIUM_JOBDEF_SECRETS_FILE_DIR)` };
  }
  try {
    const text = (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
    return text === '' ? { ok: false, problem: `secret file ${file} is empty` } : { ok: true, value: text };
  } catch (error) {
    return { ok: false, problem: `secret file ${file} cannot be read: ${errorText(error)}` };
  }
}
