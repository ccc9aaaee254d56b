/**
 * The stdout protocol (docs/decisions.md §2.9, §2.5 with D9): `##caesium::output {json}`
 * and `##caesium::branch <step>` anywhere in a line of stdout or stderr.
 */
import type { StringMap } from '../jobdef/types.js';
import { compactJson, objectMembers } from './raw-json.js';

const OUTPUT_MARKER = '##caesium::output ';
const BRANCH_MARKER = '##caesium::branch ';
/** The JSON of a task's merged outputs may not exceed this many bytes. */
export const OUTPUT_MAX_BYTES = 65_536;
/** A longer line breaks the protocol for the whole task. */
export const LINE_MAX_BYTES = 1_048_576;

/**
 * The outputs carried by one line, or undefined when the line has no marker
 * or its JSON is not an object. Strings verbatim; numbers, `true`, `false` and
 * `null` as their JSON text; objects and arrays as compact JSON text.
 */
export function parseOutputLine(line: string): StringMap | undefined {
  const at = line.indexOf(OUTPUT_MARKER);
  if (at < 0) return undefined;
  const members = objectMembers(line.slice(at + OUTPUT_MARKER.length).trim());
  if (members === undefined) return undefined;
  return Object.fromEntries(members.map(([key, raw]) => [key, outputValue(raw)]));
}

function outputValue(raw: string): string {
  const first = raw[0];
  if (first === '"') return JSON.parse(raw) as string;
  if (first === '{' || first === '[') return compactJson(raw);
  return raw;
}

/** The step a line selects, or undefined (no marker, or nothing after it). */
export function parseBranchLine(line: string): string | undefined {
  const at = line.indexOf(BRANCH_MARKER);
  if (at < 0) return undefined;
  const name = line.slice(at + BRANCH_MARKER.length).trim();
  return name === '' ? undefined : name;
}

/** What a task's log lines carried. */
export interface CollectedOutputs {
  outputs: StringMap;
  /** Selected steps, de-duplicated, first-seen order. */
  branches: string[];
  /** Why outputs and branches were discarded, when they were. */
  warnings: string[];
}

/** At most this many malformed output lines are reported one by one per task. */
export const MALFORMED_REPORTED = 5;

/**
 * Collects outputs (merged, last write wins) and branch selections line by
 * line. A line with the output marker whose JSON is not an object is ignored
 * with a warning naming the step and the line (its number in the task's
 * output, counted from 1, and its text).
 */
export class OutputCollector {
  readonly #outputs = new Map<string, string>();
  readonly #branches = new Set<string>();
  readonly #step: string;
  readonly #malformed: string[] = [];
  #malformedCount = 0;
  #lines = 0;
  #broken: string | undefined;

  /** `step` names the task's step in warnings. */
  constructor(step = 'task') {
    this.#step = step;
  }

  add(line: string): void {
    if (this.#broken !== undefined) return;
    this.#lines++;
    if (line.length > LINE_MAX_BYTES / 4 && Buffer.byteLength(line, 'utf8') > LINE_MAX_BYTES) {
      this.#broken = `outputs discarded: a log line is longer than ${LINE_MAX_BYTES} bytes`;
      return;
    }
    if (!line.includes('##caesium::')) return;
    const outputs = parseOutputLine(line);
    if (outputs !== undefined) for (const [key, value] of Object.entries(outputs)) this.#outputs.set(key, value);
    else if (line.includes(OUTPUT_MARKER.trimEnd())) this.#noteMalformed(line);
    const branch = parseBranchLine(line);
    if (branch !== undefined) this.#branches.add(branch);
  }

  finish(): CollectedOutputs {
    if (this.#broken !== undefined) return { outputs: {}, branches: [], warnings: [this.#broken] };
    const outputs: StringMap = Object.fromEntries(this.#outputs);
    const bytes = Buffer.byteLength(JSON.stringify(outputs), 'utf8');
    if (bytes > OUTPUT_MAX_BYTES) {
      const warning = `outputs discarded: merged outputs are ${bytes} bytes of JSON, over the ${OUTPUT_MAX_BYTES}-byte cap`;
      return { outputs: {}, branches: [], warnings: [warning, ...this.#malformedWarnings()] };
    }
    return { outputs, branches: [...this.#branches], warnings: this.#malformedWarnings() };
  }

  #noteMalformed(line: string): void {
    this.#malformedCount++;
    if (this.#malformed.length >= MALFORMED_REPORTED) return;
    const text = line.length > 120 ? `${line.slice(0, 119)}…` : line;
    this.#malformed.push(
      `step ${JSON.stringify(this.#step)}, output line ${this.#lines}: ignored malformed ##caesium::output (needs a JSON object): ${text}`,
    );
  }

  #malformedWarnings(): string[] {
    const more = this.#malformedCount - this.#malformed.length;
    return more > 0
      ? [...this.#malformed, `step ${JSON.stringify(this.#step)}: ${more} more malformed ##caesium::output line(s) ignored`]
      : [...this.#malformed];
  }
}
