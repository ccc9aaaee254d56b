// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { EventJson, TaskRunJson } from '../../../../src/api/index.js';
import { render } from '../dag/test-render.js';
import Gantt from './Gantt.js';

const T0 = Date.parse('2026-12-02T10:00:00Z');
const iso = (s: number): string => new Date(T0 + s * 1000).toISOString();

function task(id: string, name: string, over: Partial<TaskRunJson>): TaskRunJson {
  return {
    id,
    task_run_id: `tr-${id}`,
    job_run_id: 'r',
    task_id: id,
    atom_id: id,
    name,
    job_alias: 'etl',
    engine: 'docker',
    image: 'alpine',
    command: [],
    status: 'pending',
    attempt: 1,
    max_attempts: 3,
    outstanding_predecessors: 0,
    cache_hit: false,
    ...over,
  };
}
const event = (sequence: number, type: string, taskId: string, s: number, payload: Record<string, unknown>): EventJson => ({
  sequence,
  type,
  job_id: 'j',
  run_id: 'r',
  task_id: taskId,
  timestamp: iso(s),
  payload,
});

const tasks = [
  task('a', 'extract', { status: 'succeeded', started_at: iso(0), completed_at: iso(10) }),
  task('b', 'transform', { status: 'running', attempt: 2, started_at: iso(20) }),
  task('c', 'load', { status: 'pending' }),
];
const events = [
  event(1, 'task_started', 'a', 0, { name: 'extract', attempt: 1 }),
  event(2, 'task_succeeded', 'a', 10, { name: 'extract', attempt: 1, status: 'succeeded' }),
  event(3, 'task_started', 'b', 11, { name: 'transform', attempt: 1 }),
  event(4, 'task_retrying', 'b', 15, { name: 'transform', attempt: 2, failed_attempt: 1 }),
];
const bars = (host: HTMLElement) => [...host.querySelectorAll<HTMLElement>('.gantt-bar')];

describe('the Gantt timeline', () => {
  it('draws a bar per attempt, a retry as its own bar, a running one up to now', () => {
    const { host } = render(<Gantt tasks={tasks} events={events} now={T0 + 40_000} />);
    const labels = bars(host).map((b) => b.getAttribute('aria-label'));
    expect(labels).toHaveLength(3);
    expect(labels[0]).toMatch(/^extract attempt 1: succeeded, .* \(10\.0 s\)$/);
    expect(labels[1]).toMatch(/^transform attempt 1: failed, .* \(4\.0 s\)$/);
    expect(labels[2]).toMatch(/^transform attempt 2: running, .* to now \(20\.0 s\)$/);
    const [first, , last] = bars(host);
    expect(first!.style.left).toBe('0%');
    expect(last!.style.left).toBe('50%');
    expect(last!.style.width).toBe('50%');
    expect(bars(host)[1]!.textContent).toBe('#1');
    // Without the events, a retried task shows its latest attempt, numbered.
    const latest = render(<Gantt tasks={tasks} now={T0 + 40_000} />);
    expect(bars(latest.host).map((b) => b.textContent)).toEqual(['', '#2']);
  });

  it('shows UTC on hover and local times on screen', () => {
    const { host } = render(<Gantt tasks={tasks} now={T0 + 40_000} />);
    expect(bars(host)[0]!.title).toContain('UTC 2026-12-02T10:00:00.000Z → 2026-12-02T10:00:10.000Z');
    const tick = host.querySelector<HTMLElement>('.gantt-tick')!;
    expect(tick.title).toBe('UTC 2026-12-02T10:00:00.000Z');
    expect(tick.textContent).toBe(new Date(T0).toLocaleTimeString());
  });

  it('lists every task with its status in words, and says when nothing started', () => {
    const { host } = render(<Gantt tasks={tasks} now={T0} />);
    expect([...host.querySelectorAll('.gantt-name')].map((n) => n.textContent)).toEqual([
      '✓extract: succeeded',
      '▶transform: running',
      '○load: pending',
    ]);
    const empty = render(<Gantt tasks={[tasks[2]!]} now={T0} />);
    expect(empty.host.textContent).toBe('No task has started yet.');
  });
});
