import { describe, expect, it } from 'vitest';
import { LogCapture } from '../../src/engine/log-capture.js';
import { LOG_SNAPSHOT_MAX_BYTES } from '../../src/engine/ports/run-store.js';

describe('LogCapture', () => {
  it('joins lines with newlines', () => {
    const c = new LogCapture();
    c.add('a');
    c.add('b');
    expect(c.text).toBe('a\nb\n');
    expect(c.truncated).toBe(false);
  });
  it('is not truncated at exactly the cap', () => {
    const c = new LogCapture(4);
    c.add('abc');
    expect([c.text, c.truncated]).toEqual(['abc\n', false]);
  });
  it('keeps the head and the tail of a 200,000-line log, cut at lines, and says what it dropped', () => {
    const c = new LogCapture();
    let total = 0;
    for (let i = 1; i <= 200_000; i++) {
      const line = `line ${i} é`;
      total += Buffer.byteLength(`${line}\n`);
      c.add(line);
    }
    const text = c.text;
    expect(c.truncated).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(LOG_SNAPSHOT_MAX_BYTES);
    const lines = text.split('\n');
    expect(lines[0]).toBe('line 1 é');
    expect(lines.at(-2)).toBe('line 200000 é');
    expect(lines.at(-1)).toBe('');
    const at = lines.findIndex((l) => l.startsWith('[caesium: '));
    const note = /^\[caesium: (\d+) lines \((\d+) bytes\) dropped here/.exec(lines[at]!);
    expect(note).not.toBeNull();
    const [, droppedLines, droppedBytes] = note!.map(Number);
    // Every kept line is whole, consecutive, and the note counts exactly the missing ones.
    const kept = lines.filter((l, i) => i !== at && l !== '');
    expect(kept.filter((l) => !/^line \d+ é$/.test(l))).toEqual([]);
    const lastHead = Number(/\d+/.exec(lines[at - 1]!)![0]);
    const firstTail = Number(/\d+/.exec(lines[at + 1]!)![0]);
    expect(firstTail - lastHead - 1).toBe(droppedLines);
    expect(kept.length + droppedLines!).toBe(200_000);
    const keptBytes = kept.reduce((n, l) => n + Buffer.byteLength(`${l}\n`), 0);
    expect(keptBytes + droppedBytes!).toBe(total);
  });
});
