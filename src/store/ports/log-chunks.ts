/** Live task output as the server stores it while a task runs (docs/live-logs.md). */

/** A whole-line piece of one attempt's output; lines and bytes count from the attempt's start. */
export interface LogChunk {
  taskRunId: string;
  runId: string;
  attempt: number;
  /** Order within the attempt (0, 1, …); a rotated-out tail chunk leaves a gap. */
  seq: number;
  /** The number (from 0) of the chunk's first line in its attempt. */
  firstLine: number;
  lineCount: number;
  /** Bytes of the attempt's output before this chunk. */
  byteOffset: number;
  /** The lines, each followed by a newline. */
  text: string;
}

export interface LogChunkQueries {
  append(chunk: LogChunk): Promise<void>;
  /** Deletes the named chunks of one attempt (the bound's rotation of its tail). */
  remove(taskRunId: string, attempt: number, seqs: readonly number[]): Promise<void>;
  /** Every chunk of a task run, by attempt then seq. */
  list(taskRunId: string): Promise<LogChunk[]>;
}
