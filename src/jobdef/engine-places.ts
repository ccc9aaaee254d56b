/** Where each step of a job document names its engine (for checks of the machine a front door runs on). */
import type { LoadedDocument } from './load.js';
import { positionOf } from './position.js';

/** One `steps[i].engine` value, with its place. */
export interface EnginePlace {
  step: string;
  engine: string;
  /** The field path, e.g. `steps[1].engine`. */
  field: string;
  line: number;
  col: number;
}

/** Every step whose `engine` is a string, in document order (trimmed, lower-cased as validation compares it). */
export function enginePlacesOf(doc: LoadedDocument): EnginePlace[] {
  const value = doc.value as { steps?: unknown } | null;
  const steps = typeof value === 'object' && value !== null ? value.steps : undefined;
  if (!Array.isArray(steps)) return [];
  const places: EnginePlace[] = [];
  steps.forEach((step: unknown, i) => {
    const s = typeof step === 'object' && step !== null ? (step as Record<string, unknown>) : undefined;
    if (typeof s?.engine !== 'string') return;
    const name = typeof s.name === 'string' ? s.name : `steps[${i}]`;
    const { line, col } = positionOf(doc.doc, doc.lineCounter, ['steps', i, 'engine']);
    places.push({ step: name, engine: s.engine.trim().toLowerCase(), field: `steps[${i}].engine`, line, col });
  });
  return places;
}
