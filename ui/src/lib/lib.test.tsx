// @vitest-environment happy-dom
/** What the pages share: times in the browser's zone with UTC on hover, durations, the SSE parser. */
import { describe, expect, it } from 'vitest';
import { render } from '../components/dag/test-render.js';
import { parseSse } from './sse.js';
import { elapsed, formatDuration, Time } from './time.js';

describe('times and durations', () => {
  it('shows a time in the browser zone with its UTC form on hover, and a dash for none', () => {
    const { host } = render(
      <p>
        <Time iso="2026-12-01T08:05:00Z" /> <Time iso={undefined} />
      </p>,
    );
    const time = host.querySelector('time')!;
    expect(time.getAttribute('title')).toBe('2026-12-01 08:05:00 UTC');
    expect(time.getAttribute('datetime')).toBe('2026-12-01T08:05:00.000Z');
    expect(host.textContent).toContain('—');
  });

  it('reads durations as people do', () => {
    expect(formatDuration(120)).toBe('120ms');
    expect(formatDuration(5_200)).toBe('5.2s');
    expect(formatDuration(185_000)).toBe('3m 5s');
    expect(formatDuration(3_780_000)).toBe('1h 3m');
    expect(elapsed('2026-12-01T08:00:00Z', '2026-12-01T08:00:42Z')).toBe('42s');
    expect(elapsed(undefined, undefined)).toBe('—');
  });
});

describe('the SSE parser', () => {
  it('yields whole messages with their ids and keeps the rest, a CR split between reads included', () => {
    const first = parseSse('id: 7\nevent: run_started\ndata: {"run_id":"r"}\n\n: ping\n\nevent: task_log\ndata: {"text":"a"}\r');
    expect(first.messages).toEqual([{ id: 7, type: 'run_started', data: { run_id: 'r' } }]);
    const second = parseSse(`${first.rest}\n\r\n`);
    expect(second.messages).toEqual([{ type: 'task_log', data: { text: 'a' } }]);
    expect(second.rest).toBe('');
  });
});
