import { describe, expect, it } from 'vitest';
import { StartPacer } from '../../src/server/start-pacer.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('StartPacer', () => {
  it('lets one start through per event-loop turn, oldest first', async () => {
    const pacer = new StartPacer();
    const order: number[] = [];
    const all = Promise.all([0, 1, 2, 3].map((i) => pacer.turn().then(() => order.push(i))));
    expect(order).toEqual([]);
    await turn();
    expect(order).toEqual([0]);
    await turn();
    expect(order).toEqual([0, 1]);
    await all;
    expect(order).toEqual([0, 1, 2, 3]);
  });
});
