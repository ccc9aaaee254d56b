import { RuntimeError } from '../../engine/ports/runtime.js';

/** What dockerode rejects with: an HTTP status and the daemon's JSON body, or a socket error. */
interface DockerodeError {
  statusCode?: number;
  json?: { message?: string } | null;
  reason?: string;
  code?: string;
  message?: string;
}

const UNREACHABLE = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EACCES', 'EHOSTUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE']);

/** The HTTP status of a daemon answer, undefined for a connection failure. */
export function statusOf(error: unknown): number | undefined {
  return (error as DockerodeError | undefined)?.statusCode;
}

/** The daemon's own message (`No such image: x`), else the error's. */
export function messageOf(error: unknown): string {
  const e = error as DockerodeError | undefined;
  const message = e?.json?.message ?? e?.message ?? String(error);
  return message.trim();
}

/** True when the engine could not be reached at all (no socket, refused, reset). */
export function isUnreachable(error: unknown): boolean {
  const code = (error as DockerodeError | undefined)?.code;
  return statusOf(error) === undefined && code !== undefined && UNREACHABLE.has(code);
}

/** The `RuntimeError` for an engine that does not answer. */
export function unreachableError(engine: string, url: string, error: unknown): RuntimeError {
  const hint =
    engine === 'podman'
      ? 'is the podman service running (`podman system service`)? Set CAESIUM_PODMAN_URI or CAESIUM_SOCK to its socket'
      : 'is the docker daemon running? Set CAESIUM_DOCKER_HOST or DOCKER_HOST to its address';
  return new RuntimeError('engine_unavailable', `cannot reach ${engine} at ${url} (${messageOf(error)}): ${hint}`, {
    retryable: true,
    cause: error,
  });
}

/** Calls `fn`, treating "not found" (404) and "already so" (304, 409) answers as done. */
export async function idempotent(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    const status = statusOf(error);
    if (status !== 404 && status !== 304 && status !== 409) throw error;
  }
}
