import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../src/jobdef/diagnostic.js';
import { loadText, type LoadResult } from '../../src/jobdef/load.js';
import type { Job } from '../../src/jobdef/types.js';
import { validateDocument } from '../../src/jobdef/validate.js';

export const FIXTURES = new URL('../fixtures/', import.meta.url);

/** Loads YAML text the way the CLI does and validates every job document in it. */
export function lintText(file: string, text: string): { diagnostics: Diagnostic[]; jobs: (Job | undefined)[] } {
  const into: LoadResult = { files: [file], jobs: [], skipped: [], diagnostics: [] };
  loadText(file, text, into);
  const diagnostics = [...into.diagnostics];
  const jobs: (Job | undefined)[] = [];
  for (const doc of into.jobs) {
    const v = validateDocument(doc);
    diagnostics.push(...v.diagnostics);
    jobs.push(v.job);
  }
  return { diagnostics, jobs };
}

/** Reads a fixture file under test/fixtures. */
export function fixture(rel: string): string {
  return readFileSync(new URL(rel, FIXTURES), 'utf8');
}

/** The one job of a YAML text that must be valid (no diagnostics at all). */
export function validJob(text: string, file = 'job.yaml'): Job {
  const { diagnostics, jobs } = lintText(file, text);
  if (diagnostics.length > 0) throw new Error(diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n'));
  const job = jobs[0];
  if (job === undefined) throw new Error('no job');
  return job;
}

/** `line:col severity CODE message`, the form fixture headers are written in. */
export function render(d: Diagnostic): string {
  return `${d.line}:${d.col} ${d.severity} ${d.code} ${d.message}`;
}
