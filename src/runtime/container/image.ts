import type Dockerode from 'dockerode';
import { RuntimeError } from '../../engine/ports/runtime.js';
import { isUnreachable, messageOf, statusOf } from './engine-error.js';

/** Whether an image can be used without pulling it (for `caesium test --check-images`). */
export interface ImageCheck {
  image: string;
  status: 'present' | 'missing' | 'error';
  /** The local reference found (`localhost/name` on Podman). */
  resolved?: string;
  /** Why it is missing or what went wrong. */
  message?: string;
  /** Set when the status is `error` because the engine did not answer at all. */
  unreachable?: boolean;
}

/** Candidate local names: the image itself, and for Podman `localhost/<image>` when the image names no registry. */
export function localNames(image: string, localhostFallback: boolean): string[] {
  const first = image.split('/')[0] ?? '';
  const namesRegistry = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return localhostFallback && !namesRegistry ? [image, `localhost/${image}`] : [image];
}

/** The first local name that exists, else undefined. Engine failures other than 404 propagate. */
export async function findLocal(docker: Dockerode, image: string, localhostFallback: boolean): Promise<string | undefined> {
  for (const name of localNames(image, localhostFallback)) {
    try {
      await docker.getImage(name).inspect();
      return name;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
  return undefined;
}

/** Reports whether `image` is present locally; never pulls. */
export async function checkImage(docker: Dockerode, image: string, localhostFallback: boolean): Promise<ImageCheck> {
  try {
    const resolved = await findLocal(docker, image, localhostFallback);
    return resolved === undefined
      ? { image, status: 'missing', message: `image ${image} is not present locally (a run would try to pull it)` }
      : { image, status: 'present', resolved };
  } catch (error) {
    return { image, status: 'error', message: messageOf(error), ...(isUnreachable(error) ? { unreachable: true } : {}) };
  }
}

/**
 * The local reference to run `image` from: present locally, or pulled now.
 * A failed pull is a `RuntimeError` naming the image.
 */
export async function ensureImage(docker: Dockerode, image: string, localhostFallback: boolean, signal: AbortSignal): Promise<string> {
  const local = await findLocal(docker, image, localhostFallback);
  if (local !== undefined) return local;
  try {
    const stream = await docker.pull(image, { abortSignal: signal });
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (error: Error | null, progress: PullProgress[] = []) => {
        const failed = progress.find((entry) => typeof entry.error === 'string');
        if (error !== null) reject(error);
        else if (failed?.error !== undefined) reject(new Error(failed.error));
        else resolve();
      });
    });
    const pulled = await findLocal(docker, image, localhostFallback);
    if (pulled === undefined) throw new Error('the engine reported no error, yet has no such image afterwards');
    return pulled;
  } catch (error) {
    if (isUnreachable(error)) throw error;
    throw new RuntimeError('startup_failure', `image ${image} is not present locally and could not be pulled: ${messageOf(error)}`, {
      retryable: true,
      cause: error,
    });
  }
}

/** One line of the engine's pull progress. */
interface PullProgress {
  status?: string;
  error?: string;
}
