/**
 * Checks `cache.inputs`: each entry a glob of files relative to the job file's
 * folder. A pattern that cannot be parsed (an unclosed `[`, `{` or `(`), an
 * absolute path or a negation is an error at its own line and column.
 */
import picomatch from 'picomatch';
import type { FieldPath } from '../position.js';
import { fieldOf, type Reporter } from '../report.js';
import { q } from '../values.js';

/** Checks the `inputs` list of a cache mapping at `path` (types are left to the schema). */
export function checkCacheInputs(report: Reporter, path: FieldPath, v: unknown): void {
  if (!Array.isArray(v)) return;
  v.forEach((glob: unknown, i) => {
    if (typeof glob !== 'string' || glob.trim() === '') return;
    const at = [...path, i];
    const problem = globProblem(glob);
    if (problem !== undefined) report.error(at, 'E_CACHE_INPUT', `${fieldOf(at)} ${q(glob)} ${problem.text}`, { hint: problem.hint });
  });
}

function globProblem(glob: string): { text: string; hint: string } | undefined {
  if (glob.startsWith('/') || /^[A-Za-z]:[\\/]/.test(glob)) {
    return { text: 'is an absolute path', hint: "write it relative to the job file's folder, e.g. scripts/*.sh" };
  }
  if (glob.startsWith('!')) return { text: 'is a negation', hint: 'list the files that count; negated patterns are not supported' };
  try {
    picomatch.makeRe(glob, { strictBrackets: true });
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { text: `is not a valid glob: ${reason}`, hint: 'close the bracket, or escape it with a backslash to match it literally' };
  }
}
