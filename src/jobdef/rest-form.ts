/**
 * The REST form of a definition: `metadata.taskTimeout`,
 * `metadata.runTimeout` and `steps[i].retryDelay` may be whole numbers of
 * nanoseconds as well as duration text. Before the definition is validated
 * like a YAML document, those numbers become the duration text they stand
 * for, which is what the stored definition then keeps.
 */
import { formatDuration } from './duration.js';
import type { FieldPath } from './position.js';
import { fieldOf, type Reporter } from './report.js';
import { isObj, type Obj } from './values.js';

/** A copy of `value` with its nanosecond durations as text; a number that is not one is reported. */
export function durationsAsText(value: Obj, report: Reporter): Obj {
  const out = { ...value };
  const convert = (holder: Obj, path: FieldPath): void => {
    const key = path[path.length - 1] as string;
    const v = holder[key];
    if (typeof v !== 'number') return;
    if (!Number.isSafeInteger(v) || v < 0) {
      const field = fieldOf(path);
      report.error(path, 'E_DURATION', `${field} must be a whole number of nanoseconds ≥ 0 (or a duration string); got ${String(v)}`, {
        hint: 'send nanoseconds as a whole number, e.g. 30000000000, or a duration string such as "30s"',
      });
      return;
    }
    holder[key] = formatDuration(v / 1e6);
  };
  if (isObj(out.metadata)) {
    const metadata = { ...out.metadata };
    convert(metadata, ['metadata', 'taskTimeout']);
    convert(metadata, ['metadata', 'runTimeout']);
    out.metadata = metadata;
  }
  if (Array.isArray(out.steps)) {
    out.steps = out.steps.map((step: unknown, i) => {
      if (!isObj(step)) return step;
      const copy = { ...step };
      convert(copy, ['steps', i, 'retryDelay']);
      return copy;
    });
  }
  return out;
}
