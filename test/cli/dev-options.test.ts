/** The boundary of `caesium dev`: flags and environment to typed options; signals; releases. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { resolveDevOptions } from '../../src/cli/dev/options.js';
import { parseParams } from '../../src/cli/dev/params.js';
import { Releases } from '../../src/releases.js';
import { onInterrupt } from '../../src/cli/dev/signals.js';
import { UsageError } from '../../src/errors.js';

describe('resolveDevOptions', () => {
  it('defaults: path ., CPU count, job timeouts, engine default policy', () => {
    const o = resolveDevOptions({}, {}, 8);
    expect(o).toMatchObject({
      paths: ['.'],
      maxParallel: 8,
      maxParallelOverride: undefined,
      taskTimeoutMs: undefined,
      runTimeoutMs: undefined,
      failurePolicy: undefined,
      once: false,
      logs: false,
      params: {},
    });
  });

  it('reads flags and the environment; the flag wins over CAESIUM_MAX_PARALLEL_TASKS', () => {
    const o = resolveDevOptions(
      {
        path: ['a.yaml,b.yaml', 'c'],
        engine: 'local',
        maxParallel: '3',
        taskTimeout: '1m30s',
        runTimeout: '2h',
        param: ['k=v'],
        once: true,
        logs: true,
      },
      { CAESIUM_MAX_PARALLEL_TASKS: '5', CAESIUM_TASK_FAILURE_POLICY: 'HALT' },
      8,
    );
    expect(o).toMatchObject({
      paths: ['a.yaml', 'b.yaml', 'c'],
      engineOverride: 'local',
      maxParallel: 5,
      maxParallelOverride: 3,
      taskTimeoutMs: 90_000,
      runTimeoutMs: 7_200_000,
      failurePolicy: 'halt',
      params: { k: 'v' },
    });
  });

  it('treats 0 as "not set" for parallelism and timeouts', () => {
    const o = resolveDevOptions({ maxParallel: '0', taskTimeout: '0s' }, { CAESIUM_MAX_PARALLEL_TASKS: '0' }, 2);
    expect(o).toMatchObject({ maxParallel: 2, maxParallelOverride: undefined, taskTimeoutMs: undefined });
  });

  it.each([
    [{ engine: 'kubernetes' }, {}],
    [{ maxParallel: '-1' }, {}],
    [{ maxParallel: '1.5' }, {}],
    [{ taskTimeout: 'soon' }, {}],
    [{ runTimeout: '-5m' }, {}],
    [{}, { CAESIUM_MAX_PARALLEL_TASKS: 'many' }],
    [{}, { CAESIUM_TASK_FAILURE_POLICY: 'stop' }],
  ])('rejects %j %j as a usage error (exit 2)', (flags, env) => {
    expect(() => resolveDevOptions(flags, env, 1)).toThrow(UsageError);
  });
});

describe('parseParams', () => {
  it('splits at the first = and lets later values win', () => {
    expect(parseParams(['a=1', 'b=x=y', 'a=2', 'empty='])).toEqual({ a: '2', b: 'x=y', empty: '' });
  });

  it.each(['novalue', '=v', ' =v'])('rejects %j', (raw) => {
    expect(() => parseParams([raw])).toThrow(`--param must be k=v; got "${raw}"`);
  });
});

describe('onInterrupt', () => {
  it('calls stop on the first SIGINT/SIGTERM, force on any later one, and removes its listeners', () => {
    const source = new EventEmitter();
    const calls: string[] = [];
    const remove = onInterrupt({ stop: (s) => calls.push(`stop ${s}`), force: (s) => calls.push(`force ${s}`) }, source);
    source.emit('SIGTERM', 'SIGTERM');
    source.emit('SIGINT', 'SIGINT');
    remove();
    source.emit('SIGINT', 'SIGINT');
    expect(calls).toEqual(['stop SIGTERM', 'force SIGINT']);
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
  });
});

describe('Releases', () => {
  it('releases in reverse order, once, even when one fails', async () => {
    const order: string[] = [];
    const r = new Releases();
    r.defer(() => order.push('signals'));
    r.defer(() => {
      order.push('runtimes');
      throw new Error('stuck');
    });
    r.defer(async () => {
      await Promise.resolve();
      order.push('reporters');
    });
    await Promise.all([r.releaseAll(), r.releaseAll()]);
    await r.releaseAll();
    expect(order).toEqual(['reporters', 'runtimes', 'signals']);
  });
});
