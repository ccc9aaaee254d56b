/**
 * What `caesium dev` prints under a step's line once the run ended, so a
 * failure can be read without re-running: a failed step's last output lines
 * (its final attempt, stdout and stderr as they came), and every step's
 * warnings (output-schema violations in `warn` mode, malformed protocol
 * lines, cleanup problems). With `--logs` every line was already printed, so
 * the tail is left out.
 */
import type { EngineEvent } from '../../engine/ports/events.js';
import type { TaskSummary } from '../../engine/run-types.js';
import { LogTail, tailLines } from '../../engine/log-tail.js';
import { violationsText } from '../../engine/violation-text.js';

/** The prefix of a tail line under a step's line. */
const TAIL_PREFIX = '        | ';
/** The prefix of a warning under a step's line. */
const WARNING_PREFIX = '        warning: ';

/** Collects the live output of each step's latest attempt; gives the notes of a finished task. */
export class StepNotes {
  readonly #tails = new Map<string, LogTail>();
  readonly #withTail: boolean;

  /** `withTail`: false under `--logs`. */
  constructor(withTail: boolean) {
    this.#withTail = withTail;
  }

  /** Follows the engine's events (an attempt's start resets its step's tail). */
  onEvent(event: EngineEvent): void {
    if (!this.#withTail) return;
    if (event.type === 'task_started') this.#tails.set(event.payload.name, new LogTail());
    else if (event.type === 'task_log') {
      let tail = this.#tails.get(event.name);
      if (tail === undefined) this.#tails.set(event.name, (tail = new LogTail()));
      tail.add(event.text);
    }
  }

  /** The tail lines of a failed step, without prefix, and how many earlier lines were dropped. */
  tail(name: string): LogTail | undefined {
    return this.#withTail ? this.#tails.get(name) : undefined;
  }

  /** The lines printed under `task`'s line: warnings, then (when it failed) its output's tail. */
  linesFor(task: TaskSummary): string[] {
    const lines = warningsOf(task).map((w) => `${WARNING_PREFIX}${w}`);
    const tail = task.status === 'failed' ? this.tail(task.name) : undefined;
    if (tail !== undefined) lines.push(...tailLines(tail, TAIL_PREFIX, 'all of them: caesium dev --logs'));
    return lines;
  }
}

/** A task's warnings as printed: recorded schema violations (warn mode) first, then the engine's warnings. */
function warningsOf(task: TaskSummary): string[] {
  const schema =
    task.status !== 'failed' && task.schemaViolations.length > 0
      ? [`output violates declared schema: ${violationsText(task.schemaViolations)}`]
      : [];
  return [...schema, ...task.warnings];
}
