import { describe, expect, it } from 'vitest';
import { LogBacklog } from '../../../src/server/logging/log-backlog.js';

describe('the log backlog', () => {
  it('keeps only the newest entries up to its capacity, numbered in order', () => {
    const backlog = new LogBacklog(3);
    for (let i = 1; i <= 5; i++) backlog.push({ ts: `t${i}`, level: 'info', msg: `m${i}` });
    expect(backlog.since(0).map((e) => [e.sequence, e.msg])).toEqual([
      [3, 'm3'],
      [4, 'm4'],
      [5, 'm5'],
    ]);
    expect(backlog.since(4).map((e) => e.msg)).toEqual(['m5']);
  });

  it('tells listeners about new entries until they stop listening', () => {
    const backlog = new LogBacklog();
    const heard: string[] = [];
    const stop = backlog.listen((e) => heard.push(e.msg));
    backlog.push({ ts: 't', level: 'warn', msg: 'one' });
    stop();
    backlog.push({ ts: 't', level: 'warn', msg: 'two' });
    expect(heard).toEqual(['one']);
  });
});
