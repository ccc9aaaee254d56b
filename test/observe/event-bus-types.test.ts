import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/ports/events.js';
import { createEventBus } from '../../src/observe/event-bus.js';
import { RunEvents } from './support/synthetic.js';

describe('event bus: subscribers that name their types', () => {
  it('offers a subscriber only the types it named, without calling its filter for the others', async () => {
    const bus = createEventBus();
    const r = new RunEvents({ tasks: ['a'] });
    let filterCalls = 0;
    const seen: string[] = [];
    const typed = {
      name: 'typed',
      types: new Set<EngineEvent['type']>(['task_succeeded', 'run_terminal']),
      accepts: () => (filterCalls++, true),
      handle: (e: EngineEvent) => void seen.push(e.type),
    };
    const everything: string[] = [];
    const off = bus.subscribe(typed);
    bus.subscribe({ name: 'all', bufferSize: 2000, handle: (e) => void everything.push(e.type) });
    bus.sink(r.runStarted());
    bus.sink(r.taskStarted('a'));
    for (let i = 0; i < 1000; i++) bus.sink(r.log('a', `line ${i}`));
    bus.sink(r.taskSucceeded('a'));
    for (const e of r.runEnded('succeeded')) bus.sink(e);
    await bus.flush();
    expect(seen).toEqual(['task_succeeded', 'run_terminal']);
    expect(filterCalls).toBe(2);
    expect(everything).toHaveLength(1005);
    off();
    bus.sink(r.taskSucceeded('a'));
    await bus.flush();
    expect(seen).toHaveLength(2);
  });
});
