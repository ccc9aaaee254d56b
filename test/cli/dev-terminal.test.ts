// The live view of `caesium dev` on a real terminal: tmux gives the built CLI a
// pseudo-terminal of a fixed size, `capture-pane` reads back what a user sees
// (the screen, and with -S - the scrollback too).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { requireTool } from '../support/tools.js';

const COLUMNS = 80;
const ROWS = 20;
const CHAIN = 28;

/** A job taller than the terminal: `hold` waits for a file, `boom` fails, 28 steps wait behind `hold`. */
function tallJob(release: string): string {
  const chain = Array.from({ length: CHAIN }, (_, i) => `step-${String(i + 1).padStart(2, '0')}`);
  const step = (name: string, command: string, next?: string): string =>
    `  - name: ${name}\n    engine: local\n    command: ${JSON.stringify(['sh', '-c', command])}\n${next === undefined ? '' : `    next: [${next}]\n`}`;
  return [
    'apiVersion: v1',
    'kind: Job',
    'metadata:',
    '  alias: tall',
    '  maxParallelTasks: 4',
    'trigger:',
    '  type: cron',
    '  configuration:',
    '    expression: "0 * * * *"',
    'steps:',
    step(
      'hold',
      `echo waiting for release; echo '##caesium::output {"rows": 3}'; while [ ! -e ${release} ]; do sleep 0.05; done`,
      chain[0],
    ),
    step('boom', 'echo boom >&2; exit 3'),
    ...chain.map((name, i) => step(name, 'true', chain[i + 1])),
  ].join('\n');
}

const tmux = requireTool('tmux', 'tmux');

describe.skipIf(tmux.skip)('caesium dev on a terminal shorter than the job', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caesium-tty-'));
  const socket = `caesium-test-${process.pid}`;
  const release = join(dir, 'release');
  const run = (...args: string[]) => spawnSync('tmux', ['-f', '/dev/null', '-L', socket, ...args], { encoding: 'utf8' });
  const screen = (): string => run('capture-pane', '-p', '-t', 'dev').stdout;
  const history = (): string => run('capture-pane', '-p', '-t', 'dev', '-S', '-').stdout;
  const waitFor = async (what: string, check: () => boolean): Promise<void> => {
    for (let i = 0; i < 600 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    if (!check()) throw new Error(`the pane never showed ${what}:\n${history()}`);
  };

  beforeAll(() => {
    writeFileSync(join(dir, 'tall.yaml'), tallJob(release));
    // CI=false: the view is for a developer's terminal (ink and caesium both skip it in CI).
    const command = `cd ${ROOT} && echo before-caesium && CI=false ${process.execPath} bin/caesium.js dev --once -p ${join(dir, 'tall.yaml')}; echo "EXIT=$?"`;
    const started = run(
      'new-session',
      '-d',
      '-s',
      'dev',
      '-x',
      String(COLUMNS),
      '-y',
      String(ROWS),
      command,
      ';',
      'set-option',
      '-t',
      'dev',
      'remain-on-exit',
      'on',
    );
    expect(started.stderr).toBe('');
  });

  afterAll(() => {
    run('kill-server');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a fixed height while running: running and failed steps first, then "+N more"', async () => {
    await waitFor('hold running and boom failed', () => /^\S+ hold +running/m.test(screen()) && /^✖ boom +failed/m.test(screen()));
    const lines = screen().replace(/\n+$/, '').split('\n');
    expect(lines.length).toBeLessThan(ROWS);
    expect(lines[0]).toMatch(/^caesium dev tall /);
    expect(lines[2]).toMatch(/^\S+ hold +running +\S+ +waiting for release$/); // the output line is not the latest log
    expect(lines[3]).toMatch(/^✖ boom +failed +\S+ +command exited with non-zero status \(exit code 3\)$/);
    const shown = lines.filter((l) => /^○ step-\d\d +pending/.test(l)).length;
    expect(shown).toBeGreaterThan(0);
    expect(lines).toContain(`+${CHAIN - shown} more (${CHAIN - shown} pending)`);
    expect(lines.every((l) => [...l].length <= COLUMNS)).toBe(true);
    expect(screen()).not.toContain('##caesium::output');
  }, 90_000);

  it('prints the final summary once, ending with a newline, and leaves the scrollback alone', async () => {
    writeFileSync(release, '');
    await waitFor('EXIT=', () => /^EXIT=\d+$/m.test(screen()));
    const all = history();
    expect(all).toMatch(/^before-caesium$/m); // the screen and its scrollback were never cleared
    expect(all.match(/^✖ tall failed after /gm)).toHaveLength(1);
    expect(all).toMatch(/\n {2}boom failed: command exited with non-zero status \(exit code 3\)\n(?: {8}\|.*\n)*EXIT=1\n/);
    // Every step has exactly one row in the summary: no frame was left behind in the scrollback.
    for (const name of ['hold', 'boom', 'step-01', 'step-28']) expect(all.match(new RegExp(`^\\S+ ${name} `, 'gm'))).toHaveLength(1);
    expect(all).not.toContain('##caesium::output');
  }, 90_000);
});
