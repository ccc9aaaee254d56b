import { describe, expect, it } from 'vitest';
import { LogBuffer, readPlainLog, type LogEntry } from './log-buffer.js';

const text = (entries: readonly LogEntry[]): string[] =>
  entries.map((e) =>
    e.kind === 'attempt' ? `## ${e.attempt}` : e.kind === 'gap' ? `[gap ${e.lines}]` : `${e.attempt}:${e.line} ${e.text}`,
  );

describe('the log buffer', () => {
  it('labels each attempt and keeps a line heard twice once', () => {
    const b = new LogBuffer();
    b.addLines(1, 0, 'a\nb\n');
    b.addLines(1, 1, 'b\nc\n'); // a reconnect replays from line 1
    b.addLines(2, 0, 'x\n');
    b.addLines(1, 0, 'a\n');
    expect(text(b.entries)).toEqual(['## 1', '1:0 a', '1:1 b', '1:2 c', '## 2', '2:0 x']);
  });

  it('counts the lines a gap dropped, so the numbers after it match the server', () => {
    const b = new LogBuffer();
    b.addLines(1, 0, 'head\n');
    b.addGap(1, 500, 9000);
    b.addLines(1, 501, 'tail\n');
    b.addLines(1, 501, 'tail\n');
    expect(text(b.entries)).toEqual(['## 1', '1:0 head', '[gap 500]', '1:501 tail']);
  });

  it('lets the oldest lines go past its cap and says how many', () => {
    const b = new LogBuffer(100);
    for (let i = 0; i < 1000; i++) b.addLines(1, i, `line ${i}\n`);
    expect(b.entries.length).toBeLessThanOrEqual(100);
    expect(b.dropped + b.entries.filter((e) => e.kind === 'line').length).toBe(1000);
    expect(text(b.entries).at(-1)).toBe('1:999 line 999');
  });
});

describe('the plain log', () => {
  it('reads the attempt labels and the dropped-lines note the server writes, numbering lines as the live stream does', () => {
    const b = new LogBuffer();
    readPlainLog(
      b,
      [
        '── attempt 1 ──',
        'try',
        'boom',
        '── attempt 2 ──',
        'first',
        '[caesium: 40 lines (400 bytes) dropped here: the log is longer than its limit, the first and last lines are kept]',
        'last',
        '',
      ].join('\n'),
      2,
    );
    expect(text(b.entries)).toEqual(['## 1', '1:0 try', '1:1 boom', '## 2', '2:0 first', '[gap 40]', '2:41 last']);
    b.addLines(2, 41, 'last\nafter\n'); // the live stream then adds nothing twice
    expect(text(b.entries).slice(-2)).toEqual(['2:41 last', '2:42 after']);
  });

  it("labels an unlabelled log with the task run's attempt", () => {
    const b = new LogBuffer();
    readPlainLog(b, 'only\n', 3);
    expect(text(b.entries)).toEqual(['## 3', '3:0 only']);
  });
});
