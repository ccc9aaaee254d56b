import type { Engine, Job } from '../jobdef/types.js';
import { line, type Io } from './io.js';
import { errorText } from '../errors.js';

/** Socket-level failures: the engine itself is not there, not an image problem. */
const UNREACHABLE = /\b(ENOENT|ECONNREFUSED|ECONNRESET|EACCES|EHOSTUNREACH|ETIMEDOUT|ENOTFOUND|EPIPE)\b/;

/** Container images of the jobs, once each, in definition order, with the engine of their first use. */
function imageTargets(jobs: readonly Job[]): { image: string; engine: Engine }[] {
  const seen = new Map<string, Engine>();
  for (const job of jobs) {
    for (const step of job.steps) {
      const image = step.image.trim();
      if ((step.engine === 'docker' || step.engine === 'podman') && image !== '' && !seen.has(image)) seen.set(image, step.engine);
    }
  }
  return [...seen].map(([image, engine]) => ({ image, engine }));
}

/**
 * `caesium test --check-images`: asks the local container engine whether each
 * image is present, without pulling. Prints `Image availability:` and one line
 * per image; a missing image is reported but does not fail. Resolves to the
 * exit code: 0, 1 when an image check errored, 2 when the engine cannot be
 * reached at all (a configuration problem: one message naming its address).
 * The runtime module (and dockerode) load only here.
 */
/** One image as `--check-images` found it (for `caesium test --json`). */
export interface ImageResult {
  image: string;
  engine: Engine;
  status: 'present' | 'missing' | 'error';
  message: string | null;
}

export async function checkImages(jobs: readonly Job[], io: Io, collect: ImageResult[] = []): Promise<number> {
  const targets = imageTargets(jobs);
  const header = (): void => {
    line(io.out);
    line(io.out, 'Image availability:');
  };
  if (targets.length === 0) {
    header();
    return 0;
  }

  const { createRuntimes } = await import('../runtime/index.js');
  const registry = createRuntimes(io.env);
  try {
    const results = await Promise.all(targets.map(async (t) => ({ ...t, check: await registry.checkImage(t.engine, t.image) })));
    const down = results.find((r) => r.check.status === 'error' && UNREACHABLE.test(r.check.message ?? ''));
    if (down !== undefined) {
      const runtime = await registry.get(down.engine);
      const url = 'url' in runtime && typeof runtime.url === 'string' ? runtime.url : runtime.engine;
      io.err.write(`${io.color.red('error')}: cannot reach ${runtime.engine} at ${url} (${down.check.message ?? 'no answer'})\n`);
      io.err.write(`  ${io.color.dim(`hint: ${unreachableHint(runtime.engine)}`)}\n`);
      return 2;
    }
    header();
    let failed = false;
    for (const { image, engine, check } of results) {
      collect.push({ image, engine, status: check.status, message: check.message ?? null });
      switch (check.status) {
        case 'present':
          line(io.out, `  ${io.color.green('PASS')}  ${image}  (local)`);
          break;
        case 'missing':
          line(io.out, `  ${io.color.yellow('MISS')}  ${image}  (not found locally)`);
          break;
        case 'error':
          failed = true;
          line(io.out, `  ${io.color.red('FAIL')}  ${image}  (error: ${check.message ?? 'unknown error'})`);
          break;
      }
    }
    return failed ? 1 : 0;
  } catch (err) {
    io.err.write(`${io.color.red('error')}: cannot check images: ${errorText(err)}\n`);
    return 2;
  } finally {
    await registry.closeAll();
  }
}

function unreachableHint(engine: Engine): string {
  return engine === 'podman'
    ? 'start the Podman service (`podman system service --time=0`) or set CAESIUM_PODMAN_URI to its socket; or run without --check-images'
    : 'start the Docker daemon, or set CAESIUM_DOCKER_HOST (or DOCKER_HOST) to its socket, e.g. unix:///var/run/docker.sock; or run without --check-images';
}
