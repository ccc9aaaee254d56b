/**
 * Whether the database can be written (docs/operations.md, "When the database
 * cannot be written"). A full disk or a read-only file system does not stop
 * the server: requests that need a write answer 503 with the reason,
 * `/health` says `degraded`, and the engine's writes of run progress wait and
 * retry (`retry`), so a run whose completion could not be written is finished
 * once writes succeed again, without a restart. Any write that succeeds
 * clears the state; while it lasts, a probe (`Store.probeWrite`) runs every
 * `PROBE_MS`, so an idle server notices too.
 */
import { errorText } from '../../errors.js';

/** SQLite result codes (better-sqlite3's `code`), errno codes and PostgreSQL SQLSTATEs that mean "cannot write now". */
const UNWRITABLE: readonly RegExp[] = [
  /^SQLITE_FULL$/,
  /^SQLITE_READONLY/,
  /^SQLITE_IOERR/,
  /^SQLITE_CANTOPEN$/,
  /^(ENOSPC|EROFS|EDQUOT|EIO)$/,
  /^(53100|25006)$/,
];

/** Why `error` means the database cannot be written now (its message and code), or undefined for any other failure. */
function unwritableReason(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNWRITABLE.some((pattern) => pattern.test(code))) return `${errorText(e)} (${code})`;
  }
  return undefined;
}

/** The retry delays of a write that failed so: 250 ms doubling up to 2 s. */
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 2_000;
/** How often an unwritable database is probed. */
const PROBE_MS = 1_000;

export interface WriteHealthOptions {
  /** Where the change of state is logged (one line when writes start failing, one when they work again). */
  log: (line: string) => void;
  /** The database, as messages name it (`database /var/lib/caesium.db`). */
  database: string;
  /** A write of no consequence (`Store.probeWrite`); absent: no probe, only the next real write clears the state. */
  probe?: () => Promise<void>;
}

/** The write state of one server's database. */
export class WriteHealth {
  #failure: { reason: string; since: string } | undefined;
  readonly #options: WriteHealthOptions;
  #probing: NodeJS.Timeout | undefined;

  constructor(options: WriteHealthOptions) {
    this.#options = options;
  }

  /** Why writes fail now, and since when; undefined while they work. */
  get failure(): { reason: string; since: string } | undefined {
    return this.#failure;
  }

  /** The message of a 503 for a request whose write failed so. */
  refusal(reason: string): string {
    return `the ${this.#options.database} cannot be written: ${reason}; free space or make it writable: the server recovers by itself`;
  }

  /** Records `error` when it means the database cannot be written; returns its reason then. */
  noteFailure(error: unknown): string | undefined {
    const reason = unwritableReason(error);
    if (reason === undefined) return undefined;
    if (this.#failure === undefined) {
      this.#failure = { reason, since: new Date().toISOString() };
      this.#options.log(
        `caesium server: the ${this.#options.database} cannot be written (${reason}): requests that write answer 503, /health is degraded, and run progress is written once it can be`,
      );
      this.#probeSoon();
    }
    return reason;
  }

  /** Stops probing (the server closes). */
  close(): void {
    clearTimeout(this.#probing);
    this.#probing = undefined;
  }

  #probeSoon(): void {
    const probe = this.#options.probe;
    if (probe === undefined || this.#probing !== undefined) return;
    this.#probing = setTimeout(() => {
      void probe().then(
        () => {
          this.#probing = undefined;
          this.noteSuccess();
        },
        (error: unknown) => {
          this.#probing = undefined;
          this.noteFailure(error);
          if (this.#failure !== undefined) this.#probeSoon();
        },
      );
    }, PROBE_MS);
    this.#probing.unref();
  }

  /** A write succeeded. */
  noteSuccess(): void {
    if (this.#failure === undefined) return;
    this.#failure = undefined;
    this.#options.log(`caesium server: the ${this.#options.database} can be written again`);
  }

  /** Runs `write`, retrying it while the database cannot be written (the engine's `retryWrite`). */
  readonly retry = async <T>(write: () => Promise<T>): Promise<T> => {
    for (let delay = FIRST_DELAY_MS; ; delay = Math.min(delay * 2, MAX_DELAY_MS)) {
      try {
        const result = await write();
        this.noteSuccess();
        return result;
      } catch (error) {
        if (this.noteFailure(error) === undefined) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  };
}
