/** The `secret://` references of a job document's step env, each with its place (for `job lint --check-secrets`). */
import type { LoadedDocument } from './load.js';
import { positionOf } from './position.js';

/** One reference: which step and key hold it, and where. */
export interface SecretRef {
  step: string;
  key: string;
  reference: string;
  /** The field path, e.g. `steps[1].env.TOKEN`. */
  field: string;
  line: number;
  col: number;
}

/** Every `steps[].env` value that starts with `secret://`, in document order. */
export function secretRefsOf(doc: LoadedDocument): SecretRef[] {
  const steps = record(doc.value)?.steps;
  if (!Array.isArray(steps)) return [];
  const refs: SecretRef[] = [];
  steps.forEach((step: unknown, i) => {
    const s = record(step);
    const env = record(s?.env);
    if (env === undefined) return;
    const name = typeof s?.name === 'string' ? s.name : `steps[${i}]`;
    for (const [key, value] of Object.entries(env)) {
      if (typeof value !== 'string' || !value.trim().toLowerCase().startsWith('secret://')) continue;
      const { line, col } = positionOf(doc.doc, doc.lineCounter, ['steps', i, 'env', key]);
      refs.push({ step: name, key, reference: value.trim(), field: `steps[${i}].env.${key}`, line, col });
    }
  });
  return refs;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
