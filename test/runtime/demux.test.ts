import { describe, expect, test } from 'vitest';
import { Demuxer } from '../../src/runtime/container/demux.js';

const frame = (type: number, text: string): Buffer => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('Demuxer', () => {
  test('splits frames by stream, whatever the chunking', () => {
    const raw = Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err 1\n'), frame(1, ''), frame(1, 'out 2\n')]);
    for (const size of [1, 3, 7, 8, 9, raw.length]) {
      const got: string[] = [];
      const demuxer = new Demuxer((stream, payload) => got.push(`${stream}:${payload.toString()}`));
      for (let i = 0; i < raw.length; i += size) demuxer.write(raw.subarray(i, i + size));
      expect(got.join('')).toBe('stdout:out 1\nstderr:err 1\nstdout:out 2\n');
    }
  });
});
