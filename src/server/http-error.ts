/** HTTP failures as routes throw them, and the `{"message": …}` body the app answers them with. */
import type { ErrorJson } from '../api/errors.js';

/** An HTTP failure a route throws: the app answers `{"message": …}` with `status`. */
export class HttpError extends Error {
  readonly status: 400 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 500 | 503;

  /** Extra members of the JSON body beside `message` (e.g. every validation error). */
  readonly details: Record<string, unknown> | undefined;

  constructor(status: HttpError['status'], message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.details = details;
  }
}

/** The body of an error answer: `message`, after any `details` (which never override it). */
export function errorJson(message: string, details?: Record<string, unknown>): ErrorJson {
  return { ...details, message };
}

/** 400 with `message`. */
export const badRequest = (message: string, details?: Record<string, unknown>): HttpError => new HttpError(400, message, details);
/** 404 with `message`. */
export const notFound = (message: string): HttpError => new HttpError(404, message);
/** 409 with `message`. */
export const conflict = (message: string): HttpError => new HttpError(409, message);
