/** A reference identity input, for the hash tests in this process and in child processes. */
import type { CacheIdentityInput } from '../../src/engine/cache/identity.js';

/** Every field set, with maps in a deliberately unsorted order. */
export function referenceInput(): CacheIdentityInput {
  return {
    jobAlias: 'etl',
    taskName: 'load',
    image: 'alpine:3.20',
    imageDigest: undefined,
    command: ['sh', '-c', 'echo "$CAESIUM_OUTPUT_EXTRACT_ROWS" rows'],
    env: {
      ZETA: 'last',
      TOKEN: 'secret://vault/etl#token',
      alpha: 'lower',
      '10': 'integer-like key',
      CAESIUM_OUTPUT_EXTRACT_ROWS: '3',
      CAESIUM_RUN_ID: 'run-1',
      CAESIUM_JOB_ALIAS: 'etl',
      CAESIUM_PARAM_DAY: '2026-01-01',
    },
    workdir: '/work',
    mounts: [
      { source: '/data', target: '/in', type: 'bind', readOnly: true },
      { source: 'cache', target: '/cache' },
    ],
    volumeMounts: [
      {
        name: 'scratch',
        type: 'tmpfs',
        source: '',
        target: '/tmp/x',
        readOnly: false,
        subPath: '',
        tmpfs: { sizeBytes: 1024, mode: 448 },
        claimTemplate: undefined,
        volumeSource: undefined,
      },
    ],
    predecessorHashes: ['ffff', '0000'],
    predecessorOutputs: [
      { step: 'transform', output: { b: '2', a: '1' } },
      { step: 'extract', output: { rows: '3' } },
    ],
    params: { logical_date: '2026-01-01T00:00:00Z', day: '2026-01-01', Éclair: 'x', eclair: 'y' },
    version: 2,
  };
}

/** The same input with every map and list built in the reverse order. */
export function reorderedInput(): CacheIdentityInput {
  const base = referenceInput();
  const reverse = <T>(m: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(m).reverse());
  return {
    ...base,
    env: reverse(base.env),
    mounts: [...base.mounts].reverse(),
    volumeMounts: [...base.volumeMounts].reverse().map((v) => ({ ...v, tmpfs: { mode: 448, sizeBytes: 1024 } })),
    predecessorHashes: [...base.predecessorHashes].reverse(),
    predecessorOutputs: base.predecessorOutputs.map((o) => ({ step: o.step, output: reverse(o.output) })).reverse(),
    params: reverse(base.params),
  };
}
