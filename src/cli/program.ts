/** The commander program, built from the command table. */
import { Command, Option } from 'commander';
import { aliasRows, commandLine, otherNames, type CommandSpec, type FlagSpec } from './command-spec.js';
import { COMMANDS, ROOT } from './command-table.js';
import type { Io } from './io.js';

/** What a command that ran resolved to, kept on the program for `runCli`. */
export type ProgramWithExit = Command & { exitCodeResult?: number };

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * The program of `table`: each entry a command under its parent (groups first),
 * with its flags, help and lazy action. An alias under the same parent is a
 * commander alias; one elsewhere (`caesium lint` for `caesium job lint`) is a
 * twin command built from the same entry and hidden from its parent's list.
 */
export function buildProgram(io: Io, version: string, table: readonly CommandSpec[] = COMMANDS): Command {
  const program = new Command('caesium').description(ROOT.summary);
  for (const flag of ROOT.flags ?? []) program.addOption(optionOf(flag));
  if (ROOT.details !== undefined) program.addHelpText('after', ROOT.details);
  program.showHelpAfterError('(run with --help for usage)').version(version, '--version', 'print the version');
  // Before any subcommand is added: commands copy these settings when created,
  // so that usage errors of `job lint` also reach triage (exit 2) and the Io.
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => io.out.write(s),
    writeErr: (s) => io.err.write(s),
  });
  program.configureHelp({ sortSubcommands: false });

  const byPath = new Map<string, Command>([['', program]]);
  const parentOf = (path: readonly string[]): Command => {
    const parent = byPath.get(path.slice(0, -1).join(' '));
    if (parent === undefined) throw new Error(`command table: ${commandLine(path)} comes before its group`);
    return parent;
  };
  const sameParent = (a: readonly string[], b: readonly string[]): boolean => a.slice(0, -1).join(' ') === b.slice(0, -1).join(' ');
  for (const spec of table) {
    const name = spec.path.at(-1) as string;
    const cmd = parentOf(spec.path).command(name);
    const local = (spec.aliases ?? []).filter((a) => sameParent(a, spec.path));
    if (local.length > 0) cmd.aliases(local.map((a) => a.at(-1) as string));
    configure(cmd, spec, spec.path, io);
    byPath.set(spec.path.join(' '), cmd);
    for (const alias of (spec.aliases ?? []).filter((a) => !sameParent(a, spec.path))) {
      configure(parentOf(alias).command(alias.at(-1) as string, { hidden: true }), spec, alias, io);
    }
  }
  const aliasLines = aliasTable(table);
  if (aliasLines !== '') program.addHelpText('after', `\nAliases:\n${aliasLines}`);
  return program;
}

function configure(cmd: Command, spec: CommandSpec, path: readonly string[], io: Io): void {
  cmd.description(spec.summary);
  for (const flag of spec.flags ?? []) cmd.addOption(optionOf(flag));
  const others = otherNames(spec, path);
  const after = (spec.details ?? '') + (others.length > 0 ? `\nAliases: ${others.join(', ')}\n` : '');
  if (after !== '') cmd.addHelpText('after', after);
  const run = spec.run;
  if (run !== undefined) {
    cmd.action(async (flags: Record<string, unknown>, self: Command) => {
      const code = await run(flags, io);
      let root: Command = self;
      while (root.parent) root = root.parent;
      (root as ProgramWithExit).exitCodeResult = code;
    });
  }
}

function optionOf(flag: FlagSpec): Option {
  const option = new Option(flag.flags, flag.help);
  if (flag.choices !== undefined) option.choices(flag.choices);
  if (flag.default !== undefined) option.default(flag.default);
  if (flag.repeatable === true) option.argParser(collect);
  return option;
}

/** `  caesium lint     caesium job lint` for every alias in the table, one a line. */
function aliasTable(table: readonly CommandSpec[]): string {
  const rows = aliasRows(table);
  const width = Math.max(0, ...rows.map(([alias]) => alias.length));
  return rows.map(([alias, target]) => `  ${alias.padEnd(width)}  ${target}\n`).join('');
}
