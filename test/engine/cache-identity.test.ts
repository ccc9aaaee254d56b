/** The identity hash (docs/decisions.md §3.2): exact lines and order, stability, and what changes it. */
import { describe, expect, it } from 'vitest';
import { identityHash, identityLines, type CacheIdentityInput } from '../../src/engine/cache/identity.js';
import { volumeMountIdentities } from '../../src/engine/cache/volume-mounts.js';
import { referenceInput, reorderedInput } from '../cache/identity-inputs.js';

describe('cache identity lines', () => {
  it('writes every line in the spec order, sorted by code point, run-scoped env left out', () => {
    expect(identityLines(referenceInput())).toEqual([
      'job_alias:etl',
      'task_name:load',
      'image:alpine:3.20',
      'command:sh\u0000-c\u0000echo "$CAESIUM_OUTPUT_EXTRACT_ROWS" rows',
      'env:10=integer-like key',
      'env:CAESIUM_OUTPUT_EXTRACT_ROWS=3',
      'env:TOKEN=secret://vault/etl#token',
      'env:ZETA=last',
      'env:alpha=lower',
      'workdir:/work',
      'mount:/data:/in:bind:true',
      'mount:cache:/cache::false',
      'volume_mount:scratch:tmpfs::/tmp/x:false::{"mode":448,"sizeBytes":1024}:null:null',
      'pred_hash:0000',
      'pred_hash:ffff',
      'pred_output:extract:rows=3',
      'pred_output:transform:a=1',
      'pred_output:transform:b=2',
      'param:day=2026-01-01',
      'param:eclair=y',
      'param:logical_date=2026-01-01T00:00:00Z',
      'param:Éclair=x',
      'cache_version:2',
    ]);
  });

  it('adds image_digest after image only when a digest was pinned', () => {
    const lines = identityLines({ ...referenceInput(), imageDigest: 'sha256:abc' });
    expect(lines.slice(2, 4)).toEqual(['image:alpine:3.20', 'image_digest:sha256:abc']);
  });

  it('is a SHA-256 hex of the newline-terminated lines, independent of map and list order', () => {
    const hash = identityHash(referenceInput());
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(identityHash(reorderedInput())).toBe(hash);
    expect(identityHash(referenceInput())).toBe(hash);
  });

  it('ignores CAESIUM_RUN_ID, CAESIUM_JOB_ALIAS and CAESIUM_PARAM_* in the env', () => {
    const base = referenceInput();
    const hash = identityHash(base);
    expect(identityHash({ ...base, env: { ...base.env, CAESIUM_RUN_ID: 'run-2', CAESIUM_JOB_ALIAS: 'x', CAESIUM_PARAM_NEW: 'p' } })).toBe(
      hash,
    );
  });

  const changes: [string, (i: CacheIdentityInput) => CacheIdentityInput][] = [
    ['job alias', (i) => ({ ...i, jobAlias: 'etl2' })],
    ['task name', (i) => ({ ...i, taskName: 'load2' })],
    ['image', (i) => ({ ...i, image: 'alpine:3.21' })],
    ['image digest', (i) => ({ ...i, imageDigest: 'sha256:abc' })],
    ['command', (i) => ({ ...i, command: ['sh', '-c', 'echo other'] })],
    ['command split differently', (i) => ({ ...i, command: ['sh -c', 'echo "$CAESIUM_OUTPUT_EXTRACT_ROWS" rows'] })],
    ['entrypoint instead of a command', (i) => ({ ...i, command: undefined })],
    ['env value', (i) => ({ ...i, env: { ...i.env, ZETA: 'other' } })],
    ['env secret reference', (i) => ({ ...i, env: { ...i.env, TOKEN: 'secret://vault/etl#other' } })],
    ['env key added', (i) => ({ ...i, env: { ...i.env, NEW: '1' } })],
    ['output env var', (i) => ({ ...i, env: { ...i.env, CAESIUM_OUTPUT_EXTRACT_ROWS: '4' } })],
    ['workdir', (i) => ({ ...i, workdir: '/other' })],
    ['mount read-only flag', (i) => ({ ...i, mounts: [{ ...i.mounts[0]!, readOnly: false }, i.mounts[1]!] })],
    ['mount removed', (i) => ({ ...i, mounts: [i.mounts[0]!] })],
    ['volume mount', (i) => ({ ...i, volumeMounts: [{ ...i.volumeMounts[0]!, subPath: 'x' }] })],
    ['predecessor hash', (i) => ({ ...i, predecessorHashes: ['0000', 'fffe'] })],
    ['predecessor output', (i) => ({ ...i, predecessorOutputs: [{ step: 'extract', output: { rows: '4' } }, i.predecessorOutputs[0]!] })],
    [
      'predecessor output of another step',
      (i) => ({ ...i, predecessorOutputs: [{ step: 'extract2', output: { rows: '3' } }, i.predecessorOutputs[0]!] }),
    ],
    ['params', (i) => ({ ...i, params: { ...i.params, day: '2026-01-02' } })],
    ['param added', (i) => ({ ...i, params: { ...i.params, extra: '' } })],
    ['version', (i) => ({ ...i, version: 3 })],
  ];

  it.each(changes)('changes with the %s', (_name, change) => {
    expect(identityHash(change(referenceInput()))).not.toBe(identityHash(referenceInput()));
  });

  it('gives every change its own hash', () => {
    const hashes = changes.map(([, change]) => identityHash(change(referenceInput())));
    expect(new Set(hashes).size).toBe(changes.length);
  });
});

describe('volume mounts in the identity', () => {
  it("resolves each mount's volume, the engine's own source first", () => {
    const volumes = [
      { name: 'data', source: { bind: '/srv/data' }, sources: { docker: { volume: 'data-vol' } } },
      { name: 'claim', source: { claimTemplate: { size: '1Gi', class: 'fast' } } },
    ];
    const mounts = [
      { volume: 'data', path: '/data', readOnly: true },
      { volume: 'claim', path: '/claim', subPath: 'x' },
    ];
    expect(volumeMountIdentities(volumes, mounts, 'docker')[0]).toMatchObject({
      name: 'data',
      type: 'volume',
      source: 'data-vol',
      target: '/data',
      readOnly: true,
    });
    expect(volumeMountIdentities(volumes, mounts, 'local')[0]).toMatchObject({ type: 'bind', source: '/srv/data' });
    expect(volumeMountIdentities(volumes, mounts, 'podman')[1]).toMatchObject({
      type: 'claimTemplate',
      source: '',
      subPath: 'x',
      claimTemplate: { size: '1Gi', class: 'fast' },
    });
  });
});
