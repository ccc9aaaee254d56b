/** Why a call to the server failed: it could not be reached, or it answered ≥ 400. */
export class ClientError extends Error {
  /** `unreachable`: no HTTP answer (refused, DNS, timeout); `http`: a status ≥ 400. */
  readonly kind: 'unreachable' | 'http';
  /** The HTTP status (0 when unreachable). */
  readonly status: number;
  /** The response body as text ('' when unreachable). */
  readonly body: string;
  /** The URL that was called. */
  readonly url: string;

  constructor(kind: ClientError['kind'], message: string, details: { status?: number; body?: string; url: string; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ClientError';
    this.kind = kind;
    this.status = details.status ?? 0;
    this.body = details.body ?? '';
    this.url = details.url;
  }

  /** The server's `message` when the body is `{"message": …}`, else the body text. */
  get serverMessage(): string {
    try {
      const parsed = JSON.parse(this.body) as { message?: unknown };
      if (typeof parsed.message === 'string') return parsed.message;
    } catch {
      // not JSON: the raw text below
    }
    return this.body.trim();
  }
}
