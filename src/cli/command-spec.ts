/**
 * The shape of the CLI's command table: plain data (and a lazy `run`), turned
 * into commander commands by `program.ts` and into docs/cli.md by
 * `cli-reference.ts`. Nothing here imports a command's implementation.
 */
import type { Io } from './io.js';

/** One flag of a command. */
export interface FlagSpec {
  /** Commander's flag syntax: `-p, --path <path>`, `--no-cache`. */
  flags: string;
  help: string;
  /** The only values accepted (anything else is a usage error, exit 2). */
  choices?: readonly string[];
  /** The value when the flag is absent, shown in help. */
  default?: string;
  /** May be given more than once; the values collect into a list. */
  repeatable?: boolean;
}

/** The flags as commander parsed them. */
export type ParsedFlags = Record<string, unknown>;

/** A command (or a group of commands, without `run`) of the CLI. */
export interface CommandSpec {
  /** The words after `caesium`: `['job', 'lint']`; `[]` is the program itself. */
  path: readonly string[];
  /**
   * Other words that run the same command. One under the same parent is a
   * commander alias (`start` of `server`); one elsewhere (`lint` for
   * `job lint`) gets its own command, built from this entry and hidden from
   * its parent's list.
   */
  aliases?: readonly (readonly string[])[];
  /** One line: what the command does. */
  summary: string;
  flags?: readonly FlagSpec[];
  /**
   * What the command prints on stdout, for every command with `run`: `table` (rows in
   * columns; such a command must have `--json`, test/cli/command-table.test.ts checks it),
   * `lines` (messages and results one a line), `document` (one document: a drawing, a
   * schema, JSON) or `stream` (output as it happens: logs, a server).
   */
  prints?: 'table' | 'lines' | 'document' | 'stream';
  /** Shown after the options in `--help`: examples, exit codes, environment. */
  details?: string;
  /** Runs the command (importing its implementation lazily) and resolves to the exit code. */
  run?: (flags: ParsedFlags, io: Io) => Promise<number>;
}

/** `-p, --path`, as every command that loads definitions has it. */
export function pathFlag(help = 'file or directory to load (repeatable; default .)'): FlagSpec {
  return { flags: '-p, --path <path>', help, repeatable: true };
}

/** A `details` text from its lines (a leading `''` is the blank line above it); ends with a newline. */
export function helpText(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** `caesium job lint` for `['job', 'lint']`. */
export function commandLine(path: readonly string[]): string {
  return ['caesium', ...path].join(' ');
}

/** The other names of the command at `path`: its original path and its aliases, minus `path` itself. */
export function otherNames(spec: CommandSpec, path: readonly string[]): string[] {
  const all = [spec.path, ...(spec.aliases ?? [])];
  return all.filter((p) => p.join(' ') !== path.join(' ')).map(commandLine);
}

/** Every alias in `table` with the command it runs: `['caesium lint', 'caesium job lint']`. */
export function aliasRows(table: readonly CommandSpec[]): (readonly [alias: string, command: string])[] {
  return table.flatMap((spec) => (spec.aliases ?? []).map((alias) => [commandLine(alias), commandLine(spec.path)] as const));
}
