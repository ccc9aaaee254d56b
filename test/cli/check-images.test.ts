import { describe, expect, it } from 'vitest';
import { lines, runCli } from '../support/cli.js';
import { requireEngine } from '../support/engines.js';

const FX = 'test/cli/fixtures';
const args = ['test', '-p', `${FX}/images`, '--check-images'];
const docker = await requireEngine('docker');

describe('caesium test --check-images', () => {
  it('names the socket and exits 2 when no engine answers', async () => {
    const r = await runCli(args, {
      env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock', CAESIUM_DOCKER_HOST: undefined, CAESIUM_PODMAN: undefined },
    });
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('Image availability:');
    expect(lines(r.stderr)[0]).toBe(
      'error: cannot reach docker at unix:///nonexistent/docker.sock (connect ENOENT /nonexistent/docker.sock)',
    );
    expect(r.stderr).toContain('hint: start the Docker daemon, or set CAESIUM_DOCKER_HOST (or DOCKER_HOST)');
  });

  it('exits 2 for an engine address it cannot parse', async () => {
    const r = await runCli(args, { env: { DOCKER_HOST: 'bogus://x', CAESIUM_DOCKER_HOST: undefined, CAESIUM_PODMAN: undefined } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unsupported engine address "bogus://x"');
  });

  describe.skipIf(docker.skip)('against the local Docker engine', () => {
    it('prints PASS for a present image and MISS (not a failure) for a missing one', async () => {
      const r = await runCli(args, { env: { CAESIUM_PODMAN: undefined } });
      expect(r.code).toBe(0);
      expect(lines(r.stdout).slice(2)).toEqual([
        '',
        'Image availability:',
        '  PASS  alpine:3.20  (local)',
        '  MISS  caesium-test/definitely-missing:0  (not found locally)',
      ]);
    });
  });
});
