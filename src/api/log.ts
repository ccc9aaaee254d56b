/** The messages of `GET …/logs?task_id=…&follow=true` (docs/live-logs.md), one per SSE event of the same name. */

/** `log`: whole lines (each ending in a newline) of one attempt, starting at line number `line` (from 0). */
export interface LogLinesJson {
  attempt: number;
  line: number;
  text: string;
}

/** `gap`: lines the bound dropped from the middle of an attempt's output. */
export interface LogGapJson {
  attempt: number;
  lines: number;
  bytes: number;
}

/** `end`: the task ended (or its run did); `status` is the task's status then. */
export interface LogEndJson {
  status: string;
}

/** One message of the follow stream. */
export type LogFollowMessage = { type: 'log'; data: LogLinesJson } | { type: 'gap'; data: LogGapJson } | { type: 'end'; data: LogEndJson };
