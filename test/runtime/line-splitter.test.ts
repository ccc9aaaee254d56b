import { describe, expect, test } from 'vitest';
import { LineSplitter, MAX_LINE_CHARS } from '../../src/runtime/line-splitter.js';

const split = (chunks: (Buffer | string)[]): string[] => {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  return lines;
};

describe('LineSplitter', () => {
  test('splits on newlines across chunks, drops \\r, flushes the last unterminated line', () => {
    expect(split(['a\nb', 'c\r\n', '\n', 'tail'])).toEqual(['a', 'bc', '', 'tail']);
  });

  test('decodes UTF-8 characters cut between chunks', () => {
    const bytes = Buffer.from('größe ✓\n');
    expect(split([bytes.subarray(0, 3), bytes.subarray(3, 9), bytes.subarray(9)])).toEqual(['größe ✓']);
  });

  test('no trailing empty line after a final newline', () => {
    expect(split(['x\n'])).toEqual(['x']);
    expect(split([])).toEqual([]);
  });

  test('cuts a line longer than the limit into pieces', () => {
    const lines = split(['a'.repeat(MAX_LINE_CHARS + 5), '\n']);
    expect(lines.map((l) => l.length)).toEqual([MAX_LINE_CHARS, 5]);
  });
});
