/**
 * `Runtime.imageDigest` on the real engines (what `cache.pinDigests` pins),
 * and the choice between `RepoDigests` and the image id.
 */
import { describe, expect, it } from 'vitest';
import { RuntimeError } from '../../src/engine/ports/runtime.js';
import type { ContainerRuntime } from '../../src/runtime/container/container-runtime.js';
import { createDockerRuntime } from '../../src/runtime/container/docker.js';
import { digestOf, repositoryOf } from '../../src/runtime/container/image-digest.js';
import { createPodmanRuntime } from '../../src/runtime/container/podman.js';
import { engineRequest, requireEngine, TEST_IMAGE, type ContainerEngine } from '../support/engines.js';

const SHA = /^sha256:[0-9a-f]{64}$/;
const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

describe('digestOf', () => {
  it('prefers the RepoDigests entry of the image own repository, else the first', () => {
    const info = { Id: `sha256:${'c'.repeat(64)}`, RepoDigests: [`other/thing@${A}`, `docker.io/library/alpine@${B}`] };
    expect(digestOf(info, 'alpine:3.20')).toBe(B);
    expect(digestOf(info, 'localhost/alpine')).toBe(B);
    expect(digestOf(info, 'busybox')).toBe(A);
  });

  it('falls back to the image id (with sha256: added when bare), else nothing', () => {
    expect(digestOf({ Id: A, RepoDigests: [] }, 'x')).toBe(A);
    expect(digestOf({ Id: 'b'.repeat(64), RepoDigests: null }, 'x')).toBe(B);
    expect(digestOf({ Id: A, RepoDigests: ['broken', 'x@notadigest'] }, 'x')).toBe(A);
    expect(digestOf({}, 'x')).toBeUndefined();
    expect(digestOf({ Id: 'not-a-digest' }, 'x')).toBeUndefined();
  });

  it('reads the repository of a reference without tag or digest', () => {
    expect(repositoryOf('alpine:3.20')).toBe('alpine');
    expect(repositoryOf('registry:5000/team/app:1')).toBe('registry:5000/team/app');
    expect(repositoryOf(`app@${A}`)).toBe('app');
    expect(repositoryOf('registry:5000/app')).toBe('registry:5000/app');
  });
});

const runtimes: Record<ContainerEngine, () => Promise<ContainerRuntime>> = {
  docker: () => createDockerRuntime(),
  podman: () => createPodmanRuntime(),
};

for (const engine of ['docker', 'podman'] as const) {
  const status = await requireEngine(engine);
  describe.skipIf(status.skip)(`imageDigest on ${engine}`, () => {
    it('is sha256: and 64 hex, stable, and what the engine reports (RepoDigests first, else the id)', async () => {
      const runtime = await runtimes[engine]();
      const digest = await runtime.imageDigest(TEST_IMAGE);
      expect(digest).toMatch(SHA);
      expect(await runtime.imageDigest(TEST_IMAGE)).toBe(digest);
      const inspect = (await engineRequest(engine, `/images/${TEST_IMAGE}/json`)).body as { Id: string; RepoDigests?: string[] };
      const repoDigests = inspect.RepoDigests ?? [];
      const own = repoDigests.find((d) => d.split('@')[0]?.endsWith(TEST_IMAGE)) ?? repoDigests[0];
      const expected = own?.split('@')[1] ?? inspect.Id;
      expect(digest).toBe(expected);
      await runtime.close?.();
    });

    it('is undefined for an image that is not present (never pulls), and the digest of a digest reference', async () => {
      const runtime = await runtimes[engine]();
      expect(await runtime.imageDigest('caesium-test/not-present:never')).toBeUndefined();
      expect(await runtime.imageDigest(`caesium-test/not-present@${A}`)).toBe(A);
      expect((await runtime.checkImage('caesium-test/not-present:never')).status).toBe('missing');
      await runtime.close?.();
    });
  });
}

describe('imageDigest without an engine', () => {
  it('rejects with a RuntimeError naming the address', async () => {
    const runtime = await createDockerRuntime({ CAESIUM_DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    const error = (await runtime.imageDigest(TEST_IMAGE).catch((e: unknown) => e)) as RuntimeError;
    expect(error).toBeInstanceOf(RuntimeError);
    expect(error.type).toBe('engine_unavailable');
    expect(error.message).toContain('cannot reach docker at unix:///nonexistent/docker.sock');
  });
});
