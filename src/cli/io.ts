import { Chalk, type ChalkInstance } from 'chalk';

/** Where a command writes: results on `out`, diagnostics and progress on `err`. */
export interface Io {
  out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  err: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Colours for `err`/`out` (level 0 when off). */
  color: ChalkInstance;
  /** Whether stdout is an interactive terminal. */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * Builds the process's Io. Colours only on a TTY, never with `NO_COLOR` (any
 * non-empty value) or `--no-color`; `FORCE_COLOR` forces them.
 */
export function processIo(noColor: boolean): Io {
  const env = process.env;
  const tty = process.stdout.isTTY === true;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const off = noColor || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  const level = off ? 0 : forced || (tty && env.TERM !== 'dumb') ? 1 : 0;
  return {
    out: process.stdout,
    err: process.stderr,
    color: new Chalk({ level }),
    isTTY: tty,
    env,
    cwd: process.cwd(),
  };
}

/** Writes a line (adds the newline). */
export function line(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
