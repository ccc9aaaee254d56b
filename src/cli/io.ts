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

/** The streams (and, optionally, environment and directory) an embedding caller runs the CLI with. */
export interface IoStreams {
  out: Io['out'];
  err: Io['err'];
  /** Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Default: `process.cwd()`. */
  cwd?: string;
  /** Whether `out` is an interactive terminal; default: what `out.isTTY` says. */
  isTTY?: boolean;
}

/**
 * Builds an Io over `streams`. Colours only on a TTY, never with `NO_COLOR`
 * (any non-empty value) or `noColor` (`--no-color`); `FORCE_COLOR` forces them.
 */
export function createIo(streams: IoStreams, noColor = false): Io {
  const env = streams.env ?? process.env;
  const tty = streams.isTTY ?? streams.out.isTTY === true;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const off = noColor || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  const level = off ? 0 : forced || (tty && env.TERM !== 'dumb') ? 1 : 0;
  return {
    out: streams.out,
    err: streams.err,
    color: new Chalk({ level }),
    isTTY: tty,
    env,
    cwd: streams.cwd ?? process.cwd(),
  };
}

/** The process's Io (stdout, stderr, its environment and working directory). */
export function processIo(noColor: boolean): Io {
  return createIo({ out: process.stdout, err: process.stderr }, noColor);
}

/** Writes a line (adds the newline). */
export function line(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
