/**
 * The Gantt timeline of one run: a row per task, a bar per attempt (a retry is its own bar), coloured and
 * marked by status. Times on screen are in the browser's zone; hovering a bar or a tick shows UTC.
 */
import type { EventJson, TaskRunJson } from '../../../../src/api/index.js';
import { statusLook } from '../dag/task-status.js';
import { attemptsOf, type Attempt } from './attempts.js';
import { duration, localTime, utcTime } from './time-format.js';
import './gantt.css';

export interface GanttProps {
  tasks: readonly TaskRunJson[];
  /** Epoch milliseconds: running attempts end here. */
  now: number;
  /** The run's events: with them, earlier attempts of retried tasks get their own bars. */
  events?: readonly EventJson[];
}

/** Four ticks leave room for a time label each, even in a half-width column. */
const TICKS = 4;

function describe(a: Attempt, now: number): { label: string; title: string } {
  const end = a.end ?? now;
  const look = statusLook(a.status);
  const span = `${localTime(a.start, now)} to ${a.end === undefined ? 'now' : localTime(a.end, now)}`;
  return {
    label: `${a.name} attempt ${a.attempt}: ${look.label}, ${span} (${duration(end - a.start)})`,
    title: `attempt ${a.attempt} ${look.label}\nUTC ${utcTime(a.start)} → ${a.end === undefined ? 'running' : utcTime(a.end)}\n${duration(end - a.start)}`,
  };
}

export default function Gantt({ tasks, now, events = [] }: GanttProps) {
  const attempts = attemptsOf(tasks, events);
  if (attempts.length === 0) return <p className="gantt-empty">No task has started yet.</p>;
  const from = Math.min(...attempts.map((a) => a.start));
  const to = Math.max(from + 1, ...attempts.map((a) => a.end ?? now));
  const pct = (ms: number): number => ((ms - from) / (to - from)) * 100;
  const ticks = Array.from({ length: TICKS }, (_, i) => from + ((to - from) * i) / (TICKS - 1));
  const rows = tasks.map((t) => ({ task: t, attempts: attempts.filter((a) => a.taskId === t.task_id) }));

  return (
    <figure className="gantt" aria-label="Timeline of task attempts">
      <div className="gantt-axis" aria-hidden="true">
        <span />
        <span className="gantt-ticks">
          {ticks.map((t, i) => (
            <span key={i} className="gantt-tick" style={{ left: `${pct(t)}%` }} title={`UTC ${utcTime(t)}`}>
              {localTime(t, now)}
            </span>
          ))}
        </span>
      </div>
      <ol className="gantt-rows">
        {rows.map(({ task, attempts: own }) => {
          const look = statusLook(task.status);
          return (
            <li key={task.task_id} className="gantt-row">
              <span className="gantt-name" title={task.name}>
                <span className="gantt-symbol" style={{ color: look.color }} aria-hidden="true">
                  {look.symbol}
                </span>
                {task.name}
                <span className="visually-hidden">: {look.label}</span>
              </span>
              <span className="gantt-track">
                {own.map((a) => {
                  const { label, title } = describe(a, now);
                  const left = pct(a.start);
                  const width = Math.max(0.5, pct(a.end ?? now) - left);
                  return (
                    <span
                      key={a.attempt}
                      role="img"
                      aria-label={label}
                      title={title}
                      className="gantt-bar"
                      data-status={a.status}
                      style={{ left: `${left}%`, width: `${width}%`, background: statusLook(a.status).color }}
                    >
                      {own.length > 1 || a.attempt > 1 ? `#${a.attempt}` : ''}
                    </span>
                  );
                })}
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
