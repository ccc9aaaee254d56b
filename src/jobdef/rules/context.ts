import type { Reporter } from '../report.js';
import type { Obj } from '../values.js';

/** What every rule receives: the shaped document and where to report. */
export interface RuleContext {
  root: Obj;
  report: Reporter;
}
