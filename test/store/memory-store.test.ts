import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { canonicalJson, contentHash } from '../../src/store/content-hash.js';
import { runStoreContract } from './run-store-contract.js';
import { storeFamiliesContract } from './store-families-contract.js';

runStoreContract('memory (sql.js)', createMemoryStore);
storeFamiliesContract('memory (sql.js)', createMemoryStore);

describe('memory store', () => {
  it('gives each store its own database', async () => {
    const [a, b] = await Promise.all([createMemoryStore(), createMemoryStore()]);
    await a.runs.create({ id: 'r', jobId: 'j', params: {}, startedAt: 'x' }).catch(() => undefined);
    expect(await b.runs.get('r')).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
  });
});

describe('content hash', () => {
  it('ignores key order and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"z":1}]},"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
});
