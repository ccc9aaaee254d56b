import type { StringMap } from '../../jobdef/types.js';
import { UsageError } from '../../errors.js';

/**
 * `--param k=v` values as run parameters (later wins). The key is what comes
 * before the first `=` and must not be empty; the value may hold more `=`.
 */
export function parseParams(raw: readonly string[]): StringMap {
  const params: StringMap = {};
  for (const item of raw) {
    const at = item.indexOf('=');
    const key = at < 0 ? '' : item.slice(0, at).trim();
    if (key === '')
      throw new UsageError(
        `--param must be k=v; got "${item}"`,
        'repeat --param for each parameter, e.g. --param region=eu --param day=2024-01-01',
      );
    params[key] = item.slice(at + 1);
  }
  return params;
}
