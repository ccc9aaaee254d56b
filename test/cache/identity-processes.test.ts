/**
 * The identity hash is the same in every process: two child processes (with
 * different time zones and locales) hash the steps of examples/cached.yaml and
 * the reference input, and agree with each other and with this process.
 * Uses the built dist/ (`npm run build`; `npm test` does it).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { identityHash } from '../../src/engine/cache/identity.js';
import { stepIdentityInput } from '../../src/engine/cache/step-input.js';
import { loadDefinitions } from '../../src/jobdef/definitions.js';
import type { Job } from '../../src/jobdef/types.js';
import { ROOT } from '../support/cli.js';
import { referenceInput, reorderedInput } from './identity-inputs.js';

const run = promisify(execFile);

/** Hashes each step of the chain download → build-index → verify as a run would, feeding hashes and outputs on. */
function chainHashes(job: Job, identityHashOf: typeof identityHash, inputOf: typeof stepIdentityInput): string[] {
  const outputs: Record<string, Record<string, string>> = { download: { files: '3' } };
  const hashes: string[] = [];
  let previous: { name: string; hash: string } | undefined;
  for (const step of job.steps) {
    const preds = previous === undefined ? [] : [previous];
    const hash = identityHashOf(
      inputOf(job, step, {
        engine: step.engine,
        params: { logical_date: '2026-01-01T03:00:00Z' },
        predecessorOutputs: preds.map((p) => ({ step: p.name, output: outputs[p.name] ?? {} })),
        predecessorHashes: preds.map((p) => p.hash),
        version: typeof step.cache === 'object' ? (step.cache.version ?? 0) : 0,
      }),
    );
    hashes.push(hash);
    previous = { name: step.name, hash };
  }
  return hashes;
}

const CHILD = `
const root = process.argv[1];
const { identityHash } = await import(root + 'dist/src/engine/cache/identity.js');
const { stepIdentityInput } = await import(root + 'dist/src/engine/cache/step-input.js');
const { loadDefinitions } = await import(root + 'dist/src/jobdef/definitions.js');
const job = loadDefinitions([root + 'examples/cached.yaml']).definitions[0].job;
const chainHashes = ${chainHashes.toString()};
const reference = JSON.parse(process.argv[2]);
console.log(JSON.stringify({ chain: chainHashes(job, identityHash, stepIdentityInput), reference: identityHash(reference) }));
`;

async function childHashes(env: Record<string, string>, input: unknown): Promise<{ chain: string[]; reference: string }> {
  if (!existsSync(`${ROOT}dist/src/engine/cache/identity.js`))
    throw new Error('dist/ is missing: run `npm run build` first (npm test does it)');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD, ROOT, JSON.stringify(input)], {
    cwd: '/',
    env: { ...process.env, ...env },
  });
  return JSON.parse(stdout) as { chain: string[]; reference: string };
}

describe('identity hash across processes', () => {
  it('is identical in two processes with different time zones, locales and key orders, and in this one', async () => {
    const job = loadDefinitions([`${ROOT}examples/cached.yaml`]).definitions[0]!.job!;
    const here = { chain: chainHashes(job, identityHash, stepIdentityInput), reference: identityHash(referenceInput()) };
    const [first, second] = await Promise.all([
      childHashes({ TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }, referenceInput()),
      childHashes({ TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }, reorderedInput()),
    ]);
    expect(first).toEqual(here);
    expect(second).toEqual(here);
    expect(new Set(here.chain).size).toBe(3);
  });
});
