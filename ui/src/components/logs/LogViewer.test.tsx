// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render } from '../dag/test-render.js';
import type { FollowHandlers, LogSource, PlainLog } from './log-source.js';
import LogViewer from './LogViewer.js';

/** A log source of our own: the test says what the stream sends, and when it drops. */
function liveSource() {
  const follows: { handlers: FollowHandlers; close: () => void }[] = [];
  const source: LogSource = {
    plain: () => Promise.reject(new Error('not asked')),
    follow: (handlers, signal) =>
      new Promise<void>((resolve) => {
        follows.push({ handlers, close: resolve });
        signal.addEventListener('abort', () => resolve(), { once: true });
      }),
  };
  return { source, follows };
}
const plainSource = (log: PlainLog): LogSource => ({
  plain: () => Promise.resolve(log),
  follow: () => Promise.reject(new Error('not asked')),
});

const frame = () => act(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
const rows = (host: HTMLElement) => [...host.querySelectorAll('.log-row')].map((r) => r.textContent);
const type = (input: HTMLInputElement, value: string) => {
  // React tracks the value it set: write past it, as typing does.
  Reflect.set(HTMLInputElement.prototype, 'value', value, input);
  input.dispatchEvent(new Event('input', { bubbles: true }));
};

describe('the log viewer', () => {
  it('follows a running task: attempts labelled, each line once across a reconnect, then the end', async () => {
    const { source, follows } = liveSource();
    const { host } = render(<LogViewer jobId="j" runId="r" taskId="t" taskName="transform" live source={source} />);
    await frame();
    expect(host.querySelector('[role="status"]')?.textContent).toBe('Following the log live.');
    act(() => {
      follows[0]!.handlers.lines({ attempt: 1, line: 0, text: 'starting\nboom\n' });
      follows[0]!.handlers.lines({ attempt: 2, line: 0, text: 'again\n' });
    });
    await frame();
    expect(rows(host)).toEqual(['── attempt 1 ──', '1starting', '2boom', '── attempt 2 ──', '1again']);

    await act(() => Promise.resolve(follows[0]!.close())); // the connection drops
    expect(host.querySelector('[role="status"]')?.textContent).toBe('The connection dropped; reconnecting…');
    await act(() => new Promise((r) => setTimeout(r, 2100)));
    expect(follows).toHaveLength(2);
    act(() => {
      follows[1]!.handlers.lines({ attempt: 1, line: 0, text: 'starting\nboom\n' });
      follows[1]!.handlers.lines({ attempt: 2, line: 0, text: 'again\nfixed\n' });
      follows[1]!.handlers.end({ status: 'succeeded' });
    });
    await frame();
    expect(rows(host)).toEqual(['── attempt 1 ──', '1starting', '2boom', '── attempt 2 ──', '1again', '2fixed']);
    expect(host.querySelector('[role="status"]')?.textContent).toBe('The task ended: succeeded.');
    expect(host.querySelector('.log-count')?.textContent).toBe('4 lines');
    expect(host.querySelector('[role="log"]')?.getAttribute('aria-label')).toBe('Output of transform');
  });

  it('filters and highlights what the search box finds', async () => {
    const { host } = render(
      <LogViewer
        jobId="j"
        runId="r"
        taskId="t"
        live={false}
        source={plainSource({ text: 'GET /a 200\nGET /b 500\npost /C 500\n', truncated: false })}
      />,
    );
    await frame();
    const search = host.querySelector<HTMLInputElement>('input[type="search"]')!;
    expect(search.closest('label')?.textContent).toContain('Search the log');
    act(() => type(search, '500'));
    await frame();
    expect(rows(host)).toEqual(['── attempt 1 ──', '2GET /b 500', '3post /C 500']);
    expect([...host.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['500', '500']);
    expect(host.querySelector('.log-count')?.textContent).toBe('2 of 3 lines match');

    const only = host.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')[0]!;
    act(() => only.click());
    act(() => type(search, 'c'));
    await frame();
    expect(rows(host)).toHaveLength(4);
    expect([...host.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['C']);
  });

  it('stops following the end when the reader scrolls up', async () => {
    const { source, follows } = liveSource();
    const { host } = render(<LogViewer jobId="j" runId="r" taskId="t" live source={source} height={90} />);
    await frame();
    act(() => follows[0]!.handlers.lines({ attempt: 1, line: 0, text: Array.from({ length: 200 }, (_, i) => `l${i}\n`).join('') }));
    await frame();
    const log = host.querySelector<HTMLElement>('[role="log"]')!;
    const follow = () => host.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')[1]!;
    expect(follow().checked).toBe(true);
    Object.defineProperty(log, 'scrollHeight', { configurable: true, value: 201 * 18 });
    Object.defineProperty(log, 'clientHeight', { configurable: true, value: 90 });
    act(() => {
      log.scrollTop = 100;
      log.dispatchEvent(new Event('scroll'));
    });
    expect(follow().checked).toBe(false);
    expect(rows(host)).not.toContain('200l199');
    act(() => follow().click());
    expect(rows(host)).toContain('200l199');
  });

  it('downloads the whole log as a file named after the task', async () => {
    const text = Array.from({ length: 500 }, (_, i) => `n${i}\n`).join('');
    const { host } = render(
      <LogViewer jobId="j" runId="r" taskId="t" taskName="load" live={false} cap={100} source={plainSource({ text, truncated: false })} />,
    );
    await frame();
    const blobs: Blob[] = [];
    const names: string[] = [];
    const made = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:test'));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(`${this.download} ${this.getAttribute('href')}`);
    });
    const button = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Download the log')!;
    await act(async () => {
      button.click();
      await new Promise((r) => setTimeout(r, 0));
    });
    made.mockRestore();
    click.mockRestore();
    expect(names).toEqual(['load.log blob:test']);
    expect(await blobs[0]!.text()).toBe(text);
  });

  it('says why there is no log yet, and what went wrong', async () => {
    const pending = render(<LogViewer jobId="j" runId="r" taskId="t" live={false} source={plainSource({ state: 'pending' })} />);
    await frame();
    expect(pending.host.querySelector('[role="status"]')?.textContent).toBe('No output yet: the task has not started.');
    const broken = render(
      <LogViewer
        jobId="j"
        runId="r"
        taskId="t"
        live={false}
        source={{ plain: () => Promise.reject(new Error('task t not found in run r')), follow: () => Promise.resolve() }}
      />,
    );
    await frame();
    expect(broken.host.querySelector('[role="alert"]')?.textContent).toBe('The log could not be read: task t not found in run r');
  });

  it('holds at most its cap of lines and says how many went', async () => {
    const text = Array.from({ length: 500 }, (_, i) => `n${i}\n`).join('');
    const { host } = render(
      <LogViewer jobId="j" runId="r" taskId="t" live={false} cap={100} source={plainSource({ text, truncated: false })} />,
    );
    await frame();
    const note =
      /^(\d+) earlier lines are not kept here \(this view holds at most the newest 100 lines; the download has them all\)\.$/.exec(
        host.querySelector('.log-note')?.textContent ?? '',
      );
    const held = /^(\d+) lines$/.exec(host.querySelector('.log-count')?.textContent ?? '');
    expect(Number(held?.[1])).toBeLessThanOrEqual(100);
    expect(Number(note?.[1]) + Number(held?.[1])).toBe(500);
    expect(rows(host).at(-1)).toBe('500n499');
  });
});
