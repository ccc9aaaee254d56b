import { describe, expect, it } from 'vitest';
import { LogCapture } from '../../src/engine/log-capture.js';

describe('LogCapture', () => {
  it('joins lines with newlines', () => {
    const c = new LogCapture();
    c.add('a');
    c.add('b');
    expect(c.text).toBe('a\nb\n');
    expect(c.truncated).toBe(false);
  });
  it('stops at the byte cap without splitting a character', () => {
    const c = new LogCapture(10);
    c.add('1234');
    c.add('ééé'); // 6 bytes + newline: only 5 fit, so 2 characters
    c.add('more');
    expect(c.text).toBe('1234\néé');
    expect(Buffer.byteLength(c.text)).toBe(9);
    expect(c.truncated).toBe(true);
  });
  it('is not truncated at exactly the cap', () => {
    const c = new LogCapture(4);
    c.add('abc');
    expect([c.text, c.truncated]).toEqual(['abc\n', false]);
  });
});
