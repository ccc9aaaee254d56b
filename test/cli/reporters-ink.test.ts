/**
 * The terminal view: the run model folded from synthetic events, `DevView`
 * rendered by ink into a fake stdout (`debug: true` writes whole frames), and
 * the ink reporter mounting, ticking and unmounting on such a stream.
 */
import { EventEmitter } from 'node:events';
import { createElement } from 'react';
import { render } from 'ink';
import { describe, expect, it, vi } from 'vitest';
import { createInkReporter } from '../../src/cli/reporters/ink-reporter.js';
import { applyEvent, applyOutcome, initialView } from '../../src/cli/reporters/run-model.js';
import { DevView } from '../../src/cli/views/dev-view.js';
import { formatElapsed, sanitize, truncate } from '../../src/cli/views/row-text.js';
import { at, ev, fixtureJob, summary, task } from '../fixtures/dev/events.js';

// ink draws only the final frame when it detects CI (is-in-ci reads CI once, when
// ink is first imported); this file watches live frames, so it runs as on a
// developer's terminal. Hoisted above the imports.
vi.hoisted(() => {
  process.env.CI = 'false';
  process.env.CONTINUOUS_INTEGRATION = 'false';
});

/** A stdout ink can render into; keeps every write. */
class FakeStdout extends EventEmitter {
  readonly writes: string[] = [];
  isTTY = true;
  constructor(public columns: number) {
    super();
  }
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return true;
  }
  get text(): string {
    return this.writes.join('');
  }
  /** The last write with visible content (ink's debug mode writes whole frames, then shows the cursor). */
  get lastFrame(): string {
    return this.writes.filter((w) => plain(w).trim() !== '').at(-1) ?? '';
  }
}

/** Polls `check` (ink throttles frames, so a state may take a few ticks to show). */
async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

function frame(view: ReturnType<typeof initialView>, now: number, columns = 100): string {
  const stdout = new FakeStdout(columns);
  const app = render(createElement(DevView, { view, now, columns }), {
    stdout: stdout as never,
    debug: true,
    patchConsole: false,
    exitOnCtrlC: false,
  });
  app.unmount();
  return plain(stdout.lastFrame);
}

describe('DevView', () => {
  const job = fixtureJob('failing.yaml');

  it('shows the DAG line, a row per step with glyph, elapsed time and latest log line', () => {
    const view = initialView(job, ['jobs/failing.yaml'], Date.parse(at(0)));
    const names = new Map<string, string>();
    for (const e of [
      ev.runStarted(),
      ev.started('extract', 0),
      ev.log('extract', 'reading\ttable \u001b[31mrows\u001b[0m'),
      ev.succeeded('extract', 0, 1200),
      ev.started('load', 1300),
    ]) {
      applyEvent(view, e, false, names);
    }
    const text = frame(view, Date.parse(at(3800)));
    const lines = text.split('\n');
    expect(lines[0]).toBe('caesium dev failing  jobs/failing.yaml');
    expect(lines[1]).toBe('extract -> load -> [cleanup, report] (4 steps, max parallelism: 2)');
    expect(lines[2]).toMatch(/^✔ extract {2}succeeded {5}1\.2s {2}reading {2}table rows$/);
    expect(lines[3]).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] load {5}running {7}2\.5s$/);
    expect(lines[4]).toMatch(/^○ report {3}pending/);
    expect(lines[6]).toBe('running 3.8s');
  });

  it('ends with a summary: durations frozen, the failed step and why', () => {
    const view = initialView(job, ['jobs/failing.yaml'], Date.parse(at(0)));
    const names = new Map<string, string>();
    for (const e of [
      ev.runStarted(),
      ev.started('extract', 0),
      ev.succeeded('extract', 0, 1200),
      ev.started('load', 1300),
      ev.failed('load', 1300, 1352, 'command exited with non-zero status', 3),
      ev.skipped('report', 'upstream failed'),
    ]) {
      applyEvent(view, e, false, names);
    }
    applyOutcome(
      view,
      {
        kind: 'finished',
        summary: summary(
          'failed',
          [
            task('extract', 'succeeded', 1200),
            { ...task('load', 'failed', 52, 'command exited with non-zero status', 3), startedAt: at(1300), completedAt: at(1352) },
            task('report', 'skipped', null, 'upstream failed'),
            task('cleanup', 'succeeded', 300),
          ],
          'task tr-load failed with result "failure"',
        ),
      },
      Date.parse(at(1500)),
    );
    const text = frame(view, Date.parse(at(99_000)));
    expect(text).toMatch(/✖ load {5}failed {8}0\.1s {2}command exited with non-zero status \(exit code 3\)/);
    expect(text).toMatch(/↷ report {3}skipped {13}upstream failed/);
    expect(text).toContain('✖ failing failed after 1.5s: task tr-load failed with result "failure"');
    expect(text).toContain('  load failed: command exited with non-zero status (exit code 3)');
  });

  it('never shows a protocol line as the latest log', () => {
    const view = initialView(fixtureJob('chain.yaml'), ['x'], 0);
    const names = new Map<string, string>();
    applyEvent(view, ev.started('extract', 0), false, names);
    applyEvent(view, ev.log('extract', 'counting'), false, names);
    applyEvent(view, ev.log('extract', '##caesium::output {"rows": 3}'), false, names);
    applyEvent(view, ev.log('extract', 'x ##caesium::branch load'), false, names);
    expect(view.steps[0]?.lastLog).toBe('counting');
  });

  it('cuts the latest log line to the terminal width', () => {
    const view = initialView(fixtureJob('chain.yaml'), ['x'], 0);
    const names = new Map<string, string>();
    applyEvent(view, ev.started('extract', 0), false, names);
    applyEvent(view, ev.log('extract', 'x'.repeat(200)), false, names);
    const row = frame(view, Date.parse(at(100)), 60).split('\n')[2] ?? '';
    expect([...row].length).toBeLessThanOrEqual(60);
    expect(row.endsWith('x…')).toBe(true);
  });
});

describe('ink reporter', () => {
  it('mounts per run, prints --logs lines above the rows, and unmounts with the final frame', async () => {
    const stdout = new FakeStdout(100);
    const r = await createInkReporter({ stdout: stdout as never, logs: true, tickMs: 5, now: () => Date.parse(at(700)) });
    const start = { job: fixtureJob('chain.yaml'), paths: ['chain.yaml'] };
    await r.onRunStart?.(start);
    for (const e of [ev.runStarted(), ev.started('extract', 0), ev.log('extract', 'rows: 3'), ev.succeeded('extract', 0, 10)])
      r.onEvent?.(e);
    await new Promise((resolve) => setTimeout(resolve, 30));
    r.onCancelRequested?.();
    await until(() => plain(stdout.text).includes('cancelling…'));
    await r.onRunEnd?.(start, {
      kind: 'finished',
      summary: summary(
        'cancelled',
        [
          task('extract', 'succeeded', 10),
          task('transform', 'cancelled', null, 'run cancelled'),
          task('load', 'cancelled', null, 'run cancelled'),
        ],
        'run cancelled',
      ),
    });
    await r.close?.();
    const text = plain(stdout.text);
    expect(text).toContain('extract | rows: 3');
    expect(text).toContain('cancelling…');
    expect(text).toContain('✖ etl cancelled after 1.5s: run cancelled');
    expect(text).toMatch(/■ transform {2}cancelled/);
    expect(text.match(/✖ etl cancelled after/g)).toHaveLength(1);
    expect(stdout.text.endsWith('\n')).toBe(true);
  });
});

describe('row text', () => {
  it('formats elapsed times, strips escapes and truncates', () => {
    expect([formatElapsed(400), formatElapsed(12_049), formatElapsed(187_000), formatElapsed(3_720_000)]).toEqual([
      '0.4s',
      '12.0s',
      '3m07s',
      '1h02m',
    ]);
    expect(sanitize('progress 10%\rprogress 90%')).toBe('progress 90%');
    expect(sanitize('\u001b]0;title\u0007a\u0000b')).toBe('ab');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 0)).toBe('');
  });
});
