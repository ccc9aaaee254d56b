import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('help and usage errors', () => {
  const commands = ['test', 'job lint', 'job preview', 'job schema'];

  it.each(commands)('caesium %s --help shows examples', async (command) => {
    const cmd = command.split(' ');
    const r = await runCli([...cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: caesium ${cmd.join(' ')} [options]`);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain(`$ caesium ${cmd.join(' ')} `);
  });

  it.each(commands)('caesium %s exits 2 on an unknown flag', async (command) => {
    const r = await runCli([...command.split(' '), '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown option '--bogus'");
    expect(r.stdout).toBe('');
  });

  it('exits 2 on an unknown --format', async () => {
    const r = await runCli(['job', 'lint', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Allowed choices are text, json, github');
  });
});
