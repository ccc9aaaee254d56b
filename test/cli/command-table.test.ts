import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { renderCliReference } from '../../src/cli/cli-reference.js';
import { commandLine } from '../../src/cli/command-spec.js';
import { COMMANDS } from '../../src/cli/command-table.js';
import { createIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { ROOT } from '../support/cli.js';

/** Runs the CLI in-process, as `caesium …args` would, and captures its output. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void): Writable =>
    new Writable({ write: (chunk, _encoding, done) => (append(String(chunk)), done()) });
  const io = createIo(
    { out: sink((s) => (stdout += s)), err: sink((s) => (stderr += s)), env: { NO_COLOR: '1' }, cwd: ROOT, isTTY: false },
    true,
  );
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const flat = (text: string): string => text.replace(/\s+/g, ' ');

describe('the command table', () => {
  const every = COMMANDS.flatMap((spec) => [spec.path, ...(spec.aliases ?? [])].map((path) => ({ spec, path })));

  it.each(every.map(({ spec, path }) => [path.join(' '), spec] as const))(
    'caesium %s --help shows what the table says',
    async (words, spec) => {
      const r = await cli([...words.split(' '), '--help']);
      expect(r.code).toBe(0);
      const help = flat(r.stdout);
      expect(help).toContain(flat(spec.summary));
      for (const flag of spec.flags ?? []) expect(help).toContain(`${flag.flags} ${flat(flag.help)}`);
      if (spec.details !== undefined) expect(r.stdout).toContain(spec.details.trim());
      for (const other of [spec.path, ...(spec.aliases ?? [])].filter((p) => p.join(' ') !== words)) {
        expect(help).toContain(commandLine(other));
      }
    },
  );

  it('runs an alias as the command it stands for: caesium lint is caesium job lint', async () => {
    const long = await cli(['job', 'lint', '-p', 'test/cli/fixtures/mixed']);
    const short = await cli(['lint', '-p', 'test/cli/fixtures/mixed']);
    expect(long.code).toBe(1);
    expect(short).toEqual(long);
  });

  it('caesium --version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string };
    const r = await cli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('caesium --help lists the top-level aliases', async () => {
    const r = await cli(['--help']);
    expect(r.stdout).toMatch(/Aliases:\n {2}caesium lint +caesium job lint\n/);
    expect(r.stdout).toMatch(/ {2}caesium s +caesium server\n/);
  });
});

describe('the generated references', () => {
  it('docs/cli.md is what the command table generates', () => {
    const checkedIn = readFileSync(`${ROOT}/docs/cli.md`, 'utf8');
    expect(checkedIn === renderCliReference(), 'docs/cli.md is stale: run `npm run docs` and commit the result').toBe(true);
  });

  it('npm run docs -- --check finds docs/cli.md and docs/job-schema-reference.md up to date', () => {
    const r = spawnSync(process.execPath, ['scripts/docs.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
