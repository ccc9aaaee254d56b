import type { Job } from '../../jobdef/types.js';

/** What `caesium job schema --summary` counts over a set of valid definitions. */
export interface DefinitionSummary {
  total: number;
  /** Definitions per trigger type. */
  triggerTypes: Map<string, number>;
  /** Steps per engine. */
  engines: Map<string, number>;
  /** Callbacks per type. */
  callbackTypes: Map<string, number>;
}

/** Counts trigger types (per definition), step engines (per step) and callback types (per callback). */
export function summarize(jobs: readonly Job[]): DefinitionSummary {
  const s: DefinitionSummary = { total: jobs.length, triggerTypes: new Map(), engines: new Map(), callbackTypes: new Map() };
  const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  for (const job of jobs) {
    bump(s.triggerTypes, job.trigger.type);
    for (const step of job.steps) bump(s.engines, step.engine);
    for (const cb of job.callbacks) bump(s.callbackTypes, cb.type);
  }
  return s;
}

/** The summary as JSON (`job schema --summary --json`): each count map as an object sorted by key. */
export function summaryJson(s: DefinitionSummary): {
  total: number;
  triggerTypes: Record<string, number>;
  engines: Record<string, number>;
  callbackTypes: Record<string, number>;
} {
  return {
    total: s.total,
    triggerTypes: Object.fromEntries(sorted(s.triggerTypes)),
    engines: Object.fromEntries(sorted(s.engines)),
    callbackTypes: Object.fromEntries(sorted(s.callbackTypes)),
  };
}

const SECTIONS = [
  ['Trigger types', 'triggerTypes', 'Trigger type', 'Definitions'],
  ['Step engines', 'engines', 'Step engine', 'Steps'],
  ['Callback types', 'callbackTypes', 'Callback type', 'Callbacks'],
] as const;

const sorted = (m: Map<string, number>): [string, number][] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The plain summary, as the original prints it: `Total definitions: N`, then
 * `Trigger types:`, `Step engines:`, `Callback types:` (each only when not
 * empty) with `  - <key>: <count>` lines sorted by key.
 */
export function renderSummaryText(s: DefinitionSummary): string {
  const out = [`Total definitions: ${s.total}`];
  for (const [title, key] of SECTIONS) {
    if (s[key].size === 0) continue;
    out.push(`${title}:`);
    for (const [k, n] of sorted(s[key])) out.push(`  - ${k}: ${n}`);
  }
  return `${out.join('\n')}\n`;
}

/** The same summary as Markdown: a heading, the total, and one table per non-empty section. */
export function renderSummaryMarkdown(s: DefinitionSummary): string {
  const out = ['# Job definitions summary', '', `Total definitions: **${s.total}**`];
  for (const [title, key, column, counted] of SECTIONS) {
    if (s[key].size === 0) continue;
    out.push('', `## ${title}`, '', `| ${column} | ${counted} |`, '| --- | ---: |');
    for (const [k, n] of sorted(s[key])) out.push(`| \`${k}\` | ${n} |`);
  }
  return `${out.join('\n')}\n`;
}
