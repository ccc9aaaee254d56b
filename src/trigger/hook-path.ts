/**
 * Hook paths (docs/decisions.md §8): trimmed of spaces and `/`, without a leading
 * `v1/hooks/` or `hooks/`. Request paths and stored trigger paths go through
 * the same function, so `/hooks/x`, `/v1/hooks/x` and `x` name one hook.
 */
export function normalizeHookPath(raw: string): string {
  let path = trimSlashes(raw.trim());
  for (const prefix of ['v1/hooks/', 'hooks/']) {
    if (path.startsWith(prefix)) {
      path = path.slice(prefix.length);
      break;
    }
  }
  return trimSlashes(path);
}

function trimSlashes(text: string): string {
  return text.replace(/^[\s/]+|[\s/]+$/g, '');
}
