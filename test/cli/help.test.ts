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

describe('a closed output pipe', () => {
  it('is not a crash: caesium job schema | head exits cleanly', async () => {
    const { spawn } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const bin = fileURLToPath(new URL('../../bin/caesium.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'job', 'schema'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Close our end before it writes, as a `head` that has already read enough does.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
