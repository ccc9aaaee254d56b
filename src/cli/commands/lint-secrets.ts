/**
 * `job lint --check-secrets`: resolves every `secret://` reference of the
 * definitions' step env with the providers this environment configures (the
 * same resolver the runtimes use) and reports each one that does not
 * resolve at its file:line:col. Values are never printed.
 */
import type { Definition } from '../../jobdef/definitions.js';
import type { Diagnostic } from '../../jobdef/diagnostic.js';
import { SecretResolver, secretSettingsFromEnv } from '../../runtime/index.js';

/** One error per reference that cannot be resolved, in document order. */
export async function secretDiagnostics(
  definitions: readonly Definition[],
  env: Record<string, string | undefined>,
): Promise<Diagnostic[]> {
  const resolver = new SecretResolver(secretSettingsFromEnv(env));
  const out: Diagnostic[] = [];
  for (const def of definitions) {
    for (const ref of def.secretRefs) {
      const result = await resolver.resolve(ref.reference);
      if (result.ok) continue;
      out.push({
        file: def.file,
        line: ref.line,
        col: ref.col,
        severity: 'error',
        code: 'E_SECRET_UNRESOLVED',
        field: ref.field,
        message: `${ref.field}: ${ref.reference} (step "${ref.step}") cannot be resolved: ${result.problem}`,
        hint: 'set what it names or configure its provider; README "Secrets" lists them',
      });
    }
  }
  return out;
}
