import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { CaesiumError, errorStack } from '../errors.js';
import { packageRoot } from '../jobdef/job-schema.js';
import { processIo, type Io } from './io.js';
import { buildProgram, type ProgramWithExit } from './program.js';

/** Exit codes: 0 ok, 1 a check or run failed, 2 usage or configuration error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to the
 * exit code. Output goes to `io` (the process's streams by default). Each
 * command imports its implementation lazily so `job lint` stays fast.
 */
export async function runCli(argv: readonly string[], io: Io = processIo(argv.includes('--no-color'))): Promise<number> {
  const program = buildProgram(io, packageVersion());
  try {
    const done = await program.parseAsync([...argv], { from: 'user' });
    return (done as ProgramWithExit).exitCodeResult ?? EXIT_OK;
  } catch (err) {
    return triage(err, io);
  }
}

/** The `version` of caesium's package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Turns a thrown error into one line (known) or a stack (unknown), and an exit code. */
function triage(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
    return EXIT_USAGE;
  }
  if (err instanceof CaesiumError) {
    const where = err.position ? `${err.position.file}:${err.position.line}:${err.position.col}: ` : '';
    io.err.write(`${io.color.red('error')}: ${where}${err.message}\n`);
    if (err.hint !== undefined) io.err.write(`  ${io.color.dim(`hint: ${err.hint}`)}\n`);
    return err.exitCode;
  }
  io.err.write(`${io.color.red('unexpected error')}: ${errorStack(err)}\n`);
  return EXIT_FAILED;
}
