import { describe, expect, test } from 'vitest';
import type { LogLine } from '../../src/engine/ports/runtime.js';
import { LogChannel } from '../../src/runtime/log-channel.js';

const line = (text: string): LogLine => ({ stream: 'stdout', text });
const drain = async (lines: AsyncIterable<LogLine>): Promise<string[]> => {
  const got: string[] = [];
  for await (const l of lines) got.push(l.text);
  return got;
};

describe('LogChannel', () => {
  test('a reader started before any line sees every line, live, until close', async () => {
    const channel = new LogChannel();
    const reading = drain(channel.read());
    channel.push(line('a'));
    await Promise.resolve();
    channel.push(line('b'));
    channel.close();
    channel.push(line('ignored'));
    expect(await reading).toEqual(['a', 'b']);
  });

  test('lines pushed before anyone reads are kept; two readers both see them', async () => {
    const channel = new LogChannel();
    channel.push(line('1'));
    channel.push(line('2'));
    channel.close();
    expect(await Promise.all([drain(channel.read()), drain(channel.read())])).toEqual([
      ['1', '2'],
      ['1', '2'],
    ]);
  });

  test('a reader that stops early does not block the others', async () => {
    const channel = new LogChannel();
    for (let i = 0; i < 3000; i++) channel.push(line(String(i)));
    for await (const _l of channel.read()) break;
    channel.close();
    expect((await drain(channel.read())).length).toBeGreaterThan(0);
  });
});
