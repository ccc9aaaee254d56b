/**
 * docs/cli.md, generated from the command table: every command with its
 * summary, aliases, flags and the text its `--help` shows after them.
 * `npm run docs` writes it; a test fails when the checked-in file drifts.
 */
import { aliasRows, commandLine, otherNames, type CommandSpec, type FlagSpec } from './command-spec.js';
import { COMMANDS, EXIT_CODES, ROOT } from './command-table.js';

/** The Markdown reference of `table`. */
export function renderCliReference(table: readonly CommandSpec[] = COMMANDS): string {
  const out: string[] = [
    '# caesium command line',
    '',
    '<!-- Generated from src/cli/command-table.ts by `npm run docs`. Do not edit. -->',
    '',
    ROOT.summary,
    '',
    EXIT_CODES,
    '',
    '| Global flag | Meaning |',
    '| --- | --- |',
    ...[...(ROOT.flags ?? []), VERSION_FLAG, HELP_FLAG].map(flagRow),
    '',
    '## Aliases',
    '',
    "The toolkit's verbs also work at the top level; the long forms stay.",
    '',
    '| Alias | Runs |',
    '| --- | --- |',
    ...aliasRows(table).map(([alias, command]) => `| \`${alias}\` | \`${command}\` |`),
  ];
  for (const spec of table) out.push('', ...section(spec, table));
  return `${out.join('\n')}\n`;
}

function section(spec: CommandSpec, table: readonly CommandSpec[]): string[] {
  const heading = spec.path.length === 1 ? '##' : '###';
  const out = [`${heading} ${commandLine(spec.path)}`, '', spec.summary];
  const others = otherNames(spec, spec.path);
  if (others.length > 0) out.push('', `Aliases: ${others.map((o) => `\`${o}\``).join(', ')}.`);
  if (spec.run === undefined) {
    const members = table.filter((s) => s.path.length === spec.path.length + 1 && s.path.join(' ').startsWith(`${spec.path.join(' ')} `));
    out.push('', ...members.map((m) => `- \`${commandLine(m.path)}\`: ${m.summary}`));
    return out;
  }
  const flags = spec.flags ?? [];
  if (flags.length > 0) out.push('', '| Flag | Meaning |', '| --- | --- |', ...flags.map(flagRow));
  if (spec.details !== undefined) out.push('', '```text', ...spec.details.trim().split('\n'), '```');
  return out;
}

/** The two flags commander adds itself (their words as `--help` shows them). */
const VERSION_FLAG: FlagSpec = { flags: '--version', help: 'print the version' };
const HELP_FLAG: FlagSpec = { flags: '-h, --help', help: 'display help for command' };

function flagRow(flag: FlagSpec): string {
  return `| \`${flag.flags}\` | ${cell(meaning(flag))} |`;
}

function meaning(flag: FlagSpec): string {
  const parts = [flag.help];
  if (flag.choices !== undefined) parts.push(`one of ${flag.choices.map((c) => `\`${c}\``).join(', ')}`);
  if (flag.default !== undefined) parts.push(`default \`${flag.default}\``);
  if (flag.repeatable === true && !flag.help.includes('repeatable')) parts.push('repeatable');
  return parts.join('; ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
