import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixture, lintText, validJob } from './helpers.js';

const files = readdirSync(new URL('valid/', FIXTURES)).filter((f) => f.endsWith('.yaml'));

describe('valid job definitions', () => {
  it.each(files)('%s has no diagnostics and normalises', (name) => {
    const { diagnostics, jobs } = lintText(`valid/${name}`, fixture(`valid/${name}`));
    expect(diagnostics).toEqual([]);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(job).toBeDefined();
  });

  it('chains steps in list order when no step declares an edge, and applies defaults', () => {
    const job = validJob(fixture('valid/implicit-chain.yaml'), 'valid/implicit-chain.yaml');
    expect(job.alias).toBe('nightly-report');
    expect(job.edges).toEqual([
      { from: 'extract', to: 'transform' },
      { from: 'transform', to: 'load' },
    ]);
    expect(job.steps.map((s) => [s.name, s.next, s.dependsOn])).toEqual([
      ['extract', ['transform'], []],
      ['transform', ['load'], ['extract']],
      ['load', [], ['transform']],
    ]);
    const [extract, transform, load] = job.steps;
    expect(extract).toMatchObject({
      position: 0,
      type: 'task',
      engine: 'docker',
      triggerRule: 'all_success',
      retries: 0,
      retryDelayMs: 0,
      retryBackoff: false,
      workdir: '',
    });
    expect(transform).toMatchObject({ retries: 2, retryDelayMs: 1500, retryBackoff: true, command: undefined });
    expect(load).toMatchObject({ triggerRule: 'all_done', cache: { ttl: '7d' } });
    expect(job.taskTimeoutMs).toBe(600_000);
    expect(job.runTimeoutMs).toBe(5_400_000);
    expect(job.maxParallelTasks).toBe(0);
    expect(job.schemaValidation).toBe('');
    expect(job.source).toEqual({ file: 'valid/implicit-chain.yaml', document: 0, line: 3 });
  });

  it('takes numbers and booleans in text fields as the text written (docs/decisions.md §1.7)', () => {
    const job = validJob(fixture('valid/implicit-chain.yaml'));
    expect(job.labels).toEqual({ team: 'data', tier: '2', ratio: '1.50' });
    expect(job.steps[0]?.env).toEqual({ PORT: '8080', DEBUG: 'true', EMPTY: '' });
    expect(job.steps[0]?.command).toEqual(['sleep', '10']);
  });

  it('writes trigger.defaultParams into the configuration, replacing its own (docs/decisions.md §1.3)', () => {
    const job = validJob(fixture('valid/implicit-chain.yaml'));
    expect(job.trigger).toEqual({
      type: 'cron',
      configuration: { expression: '0 2 * * *', timezone: 'Europe/Berlin', defaultParams: { env: 'prod', batch: '500' } },
      defaultParams: { env: 'prod', batch: '500' },
    });
    // The validated spec keeps what the author wrote.
    expect(job.spec.trigger.configuration?.defaultParams).toEqual({ region: 'eu' });
  });

  it('keeps the configuration defaultParams (as text) when trigger.defaultParams is absent', () => {
    const job = validJob(fixture('valid/http-trigger.yaml'));
    expect(job.trigger.defaultParams).toEqual({ attempts: '3', dry: 'false' });
    expect(job.trigger.configuration.paramMapping).toEqual({
      repo: '$.repository.name',
      first: '$.items[0].id',
      second: '$.items.1.id',
      body: '$',
    });
    expect(job.callbacks).toEqual([
      { type: 'notification', configuration: { url: 'https://example.com/hook', headers: { 'X-Team': 'data' } } },
    ]);
  });

  it('uses only declared edges once one step declares any: merged, deduplicated, sorted', () => {
    const job = validJob(fixture('valid/explicit-edges.yaml'));
    expect(job.edges).toEqual([
      { from: 'start', to: 'alpha' },
      { from: 'start', to: 'zeta' },
      { from: 'alpha', to: 'join' },
      { from: 'zeta', to: 'join' },
    ]);
    expect(Object.fromEntries(job.steps.map((s) => [s.name, { next: s.next, dependsOn: s.dependsOn }]))).toEqual({
      start: { next: ['alpha', 'zeta'], dependsOn: [] },
      alpha: { next: ['join'], dependsOn: ['start'] },
      zeta: { next: ['join'], dependsOn: ['start'] },
      join: { next: [], dependsOn: ['alpha', 'zeta'] },
      lonely: { next: [], dependsOn: [] },
    });
  });

  it('gives local steps an empty image and keeps volumes and mounts', () => {
    const job = validJob(fixture('valid/engines-and-volumes.yaml'));
    expect(job.steps.map((s) => [s.name, s.engine, s.image])).toEqual([
      ['prepare', 'local', ''],
      ['build', 'docker', 'golang:1.22'],
      ['publish', 'kubernetes', 'alpine'],
    ]);
    expect(job.maxParallelTasks).toBe(2);
    expect(job.steps[0]?.workdir).toBe('/tmp');
    expect(job.steps[2]?.nodeSelector).toEqual({ pool: 'batch' });
    expect(job.steps[1]?.volumeMounts).toEqual([
      { volume: 'shared', path: '/out' },
      { volume: 'scratch', path: '/scratch', readOnly: true },
    ]);
    expect(job.volumes.map((v) => v.name)).toEqual(['shared', 'scratch']);
  });

  it('validates every document of a file and keeps schemas and caches', () => {
    const { diagnostics, jobs } = lintText('valid/data-contracts.yaml', fixture('valid/data-contracts.yaml'));
    expect(diagnostics).toEqual([]);
    expect(jobs.map((j) => j?.alias)).toEqual(['contracts', 'second']);
    const job = jobs[0]!;
    expect(job.cache).toBe(true);
    expect(job.schemaValidation).toBe('fail');
    expect(job.steps[1]).toMatchObject({ type: 'branch', next: ['big', 'small'], dependsOn: ['count'] });
    expect(job.steps[1]?.inputSchema).toEqual({ count: { required: ['rows'], properties: { rows: { type: 'integer' } } } });
    expect(job.steps[2]?.cache).toEqual({ ttl: '24h', version: 2, pinDigests: true, digestTTL: 0 });
    expect(job.steps[3]?.cache).toBe(false);
    expect(jobs[1]?.source).toMatchObject({ document: 1 });
  });
});
