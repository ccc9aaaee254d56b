/**
 * The JSON a `notification` callback POSTs to its URL when a run ends
 * (succeeded or failed): what a receiver of caesium's callbacks reads.
 */
import type { StringMap } from '../jobdef/types.js';

export interface NotificationJson {
  /** The job's stable id. */
  job_id: string;
  job_alias: string;
  run_id: string;
  /** Absent when the run had none. */
  params?: StringMap;
  status: string;
  error?: string;
  started_at: string;
  completed_at?: string;
  tasks: NotificationTaskJson[];
}

/** One task of the run. */
export interface NotificationTaskJson {
  task_id: string;
  /** caesium keeps no separate atom rows: a step is its own atom, so this is the task id. */
  atom_id: string;
  /** The step name (a caesium addition). */
  name: string;
  engine: string;
  image: string;
  command: string[];
  runtime_id?: string;
  status: string;
  result?: string;
  error?: string;
  started_at?: string;
  completed_at?: string;
}
