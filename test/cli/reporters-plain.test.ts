/** The plain reporter, the log stream and the fan-out, fed with synthetic events. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogStreamReporter } from '../../src/cli/reporters/log-stream.js';
import { createPlainReporter, resultLines } from '../../src/cli/reporters/plain.js';
import { fanOut, type DevReporter } from '../../src/cli/reporters/reporter.js';
import { formatTaskLine, nameTasks, taskError } from '../../src/cli/reporters/task-line.js';
import { ev, fixtureJob, summary, task } from '../fixtures/dev/events.js';

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.setEncoding('utf8').on('data', (s: string) => (text += s));
  return { stream, text: () => text };
}

describe('plain reporter', () => {
  it('prints the header and the table on stdout and one live line per task event on stderr', async () => {
    const out = sink();
    const err = sink();
    const r = createPlainReporter({ out: out.stream, err: err.stream });
    const start = { job: fixtureJob('failing.yaml'), paths: ['jobs/a.yaml', 'jobs/b.yaml'] };
    await r.onRunStart?.(start);
    for (const e of [
      ev.runStarted(),
      ev.started('extract', 0),
      ev.log('extract', 'ignored by the plain reporter'),
      ev.succeeded('extract', 0, 1234),
      ev.started('load', 1300),
      ev.retrying('load', 1, 2, 1000, 'command exited with non-zero status'),
      ev.started('load', 2400, 2, 2),
      ev.failed('load', 2400, 2452, 'command exited with non-zero status', 3),
      ev.skipped('report', 'upstream failed'),
      ev.cached('cleanup'),
    ]) {
      r.onEvent?.(e);
    }
    const tasks = [
      task('extract', 'succeeded', 1234.9),
      task('load', 'failed', 52, 'command exited with non-zero status', 3),
      task('report', 'skipped', null, 'upstream failed'),
      task('cleanup', 'cached', 0),
    ];
    await r.onRunEnd?.(start, { kind: 'finished', summary: summary('failed', tasks, 'task tr-load failed') });
    expect(out.text()).toBe(
      [
        'caesium dev failing  jobs/a.yaml, jobs/b.yaml',
        '-'.repeat(60),
        '  OK    extract  succeeded  (1.234s)',
        '  FAIL  load     failed  (52ms)  error: command exited with non-zero status (exit code 3)',
        '  SKIP  report   skipped  (upstream failed)',
        '  CACHE cleanup  cached',
        '  FAIL  failing: task tr-load failed',
        '',
      ].join('\n'),
    );
    expect(err.text()).toBe(
      [
        '  ....  extract  running',
        '  OK    extract  succeeded  (1.234s)',
        '  ....  load     running',
        '  RETRY load     retrying in 1s (attempt 1/2 failed)  error: command exited with non-zero status (exit code 1)',
        '  ....  load     running (attempt 2/2)',
        '  FAIL  load     failed  (52ms)  error: command exited with non-zero status (exit code 3)',
        '  SKIP  report   skipped  (upstream failed)',
        '  CACHE cleanup  cached',
        'Run failed: task tr-load failed',
        '',
      ].join('\n'),
    );
  });

  it('names task runs in errors and says when the engine could not finish', () => {
    const uuid = '0b9b5d1e-1111-4a2b-8c3d-123456789abc';
    const s = summary('failed', [{ ...task('load', 'failed', 5, 'boom'), id: uuid }], `task ${uuid} failed with result "failure"`);
    expect(resultLines('etl', { kind: 'finished', summary: s }, 4).at(-1)).toBe('  FAIL  etl: task "load" failed with result "failure"');
    expect(resultLines('etl', { kind: 'crashed', error: 'internal error: disk I/O' }, 4)).toEqual([
      '  FAIL  etl: internal error: disk I/O',
    ]);
    expect(resultLines('etl', { kind: 'finished', summary: summary('succeeded', []) }, 4)).toEqual(['  OK    etl completed successfully']);
  });

  it('formats the task table line as docs/decisions.md §13.2 says', () => {
    expect(formatTaskLine({ icon: '....', name: 'a', status: 'running' }, 5)).toBe('  ....  a      running');
    expect(formatTaskLine({ icon: '    ', name: 'abc', status: 'pending', durationMs: 0 }, 3)).toBe('        abc  pending');
    expect(formatTaskLine({ icon: 'OK', name: 'abc', status: 'succeeded', durationMs: 61_000.7 }, 3)).toBe(
      '  OK    abc  succeeded  (1m1s)',
    );
    expect(taskError('timed out', null)).toBe('timed out');
    expect(nameTasks('task 0b9b5d1e-1111-4a2b-8c3d-123456789abc x', new Map())).toBe('task 0b9b5d1e-1111-4a2b-8c3d-123456789abc x');
  });
});

describe('log-stream reporter', () => {
  it('prefixes each log line with its step name and ignores other events', () => {
    const out = sink();
    const r = createLogStreamReporter(out.stream);
    r.onEvent?.(ev.started('extract', 0));
    r.onEvent?.(ev.log('extract', 'rows: 3'));
    r.onEvent?.(ev.log('load', ''));
    expect(out.text()).toBe('extract | rows: 3\nload | \n');
  });
});

describe('fanOut', () => {
  it('never lets a throwing reporter fail the others, and turns it off after its first error', async () => {
    const seen: string[] = [];
    const errors: string[] = [];
    const broken: DevReporter = {
      onEvent() {
        throw new Error('broken pipe');
      },
      onRunEnd() {
        return Promise.reject(new Error('late'));
      },
    };
    const fine: DevReporter = { onEvent: (e) => void seen.push(e.type), onRunEnd: () => void seen.push('end') };
    const all = fanOut([broken, fine], (hook, e) => errors.push(`${hook}: ${(e as Error).message}`));
    all.onEvent(ev.runStarted());
    all.onEvent(ev.cached('x'));
    await all.onRunEnd({ job: fixtureJob('chain.yaml'), paths: ['.'] }, { kind: 'crashed', error: 'x' });
    await all.close();
    expect(seen).toEqual(['run_started', 'task_cached', 'end']);
    expect(errors).toEqual(['onEvent: broken pipe']);
  });
});
