/**
 * `caesium dev`: run job definitions locally through the engine, once
 * (`--once`) or again on every change of their files. Parses and checks the
 * flags here; the session lives in `../dev/`.
 */
import { availableParallelism } from 'node:os';
import { resolveDevOptions, type DevFlags } from '../dev/options.js';
import { runDevSession } from '../dev/session.js';
import type { Io } from '../io.js';

/** Runs `caesium dev` with commander's `flags`; resolves to the exit code. */
export async function runDev(flags: DevFlags, io: Io): Promise<number> {
  const options = resolveDevOptions(flags, io.env, availableParallelism());
  return runDevSession(options, io);
}
