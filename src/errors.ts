/** Where in a source file something was found. Lines and columns are 1-based. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/**
 * A user-facing error with a stable code, a message and a hint on what to do.
 * The CLI prints these as one line (no stack) and exits with `exitCode`.
 */
export class CaesiumError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly position: SourcePosition | undefined;
  readonly exitCode: number;

  constructor(
    code: string,
    message: string,
    options: { hint?: string; position?: SourcePosition; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CaesiumError';
    this.code = code;
    this.hint = options.hint;
    this.position = options.position;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** A bad flag, argument or configuration value: exit code 2. */
export class UsageError extends CaesiumError {
  constructor(message: string, hint?: string) {
    super('E_USAGE', message, hint === undefined ? { exitCode: 2 } : { hint, exitCode: 2 });
    this.name = 'UsageError';
  }
}

/** The text of any thrown value: an `Error`'s message, anything else as a string. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What an unexpected error prints: an `Error`'s stack (its message when it has none), anything else as a string. */
export function errorStack(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** A thrown value as an `Error` (a non-`Error` becomes one with its text). */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
