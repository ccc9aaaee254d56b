/**
 * Failures readable without re-running (issue 11, item 3), as a user sees
 * them from the built CLI: a failed step's last output lines under its FAIL
 * line, schema violations with key path, rule and value, malformed protocol
 * lines named by step and line, and errors that name steps, never task-run ids.
 */
import { describe, it } from 'vitest';
import { runCli } from '../fixtures/dev/cli.js';

const FIXTURE = 'test/fixtures/dev/failure-output.yaml';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const stable = (text: string): string[] =>
  text
    .replace(/ {2}\((?:\d+h)?(?:\d+m)?[\d.]+(?:ns|µs|ms|s)\)/g, '')
    .split('\n')
    .filter((l) => l !== '');

describe('caesium dev --once on a failing job', () => {
  it('prints the last 20 output lines under the FAIL line and each warning under its step', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '--path', FIXTURE]);
    expect(r.code).toBe(1);
    const tail = Array.from({ length: 19 }, (_, i) => `        | line ${i + 11}`);
    expect(stable(r.stdout)).toEqual([
      `caesium dev readable  ${FIXTURE}`,
      '-'.repeat(60),
      '  OK    produce  succeeded',
      '        warning: output violates declared schema: rows: expected integer, got "x"',
      '        warning: step "produce", output line 2: ignored malformed ##caesium::output (needs a JSON object): ##caesium::output {rows: 3',
      '  FAIL  crash    failed  error: command exited with non-zero status (exit code 3)',
      '        | … 10 earlier line(s) (all of them: caesium dev --logs)',
      ...tail,
      '        | disk full',
      '  FAIL  readable: task "crash" failed with result "failure"',
    ]);
    expect(r.stderr).toContain('  WARN  produce  output violates declared schema: rows: expected integer, got "x"\n');
    expect(r.stdout + r.stderr).not.toMatch(UUID);
  });

  it('prints no tail with --logs, which streams every line', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '--logs', '--path', FIXTURE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('crash | line 1\n');
    expect(r.stdout).not.toContain('        | ');
  });
});
