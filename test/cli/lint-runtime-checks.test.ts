/**
 * `job lint` reports what would otherwise fail only at run time, or be passed
 * over in silence, at file:line:col: near-miss kinds and apiVersions, a local
 * step without a command, a malformed image reference, one alias in two files;
 * `--verbose` lists the skipped documents; `caesium test` on a directory without
 * jobs is not a failure.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lines, runCli } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'caesium-lint-runtime-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const job = (alias: string, steps: string): string =>
  `apiVersion: v1\nkind: Job\nmetadata:\n  alias: ${alias}\ntrigger:\n  type: cron\n  configuration:\n    expression: "0 * * * *"\nsteps:\n${steps}`;

function write(dir: string, files: Record<string, string>): string {
  const at = join(tmp, dir);
  mkdirSync(at, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(at, name), text);
  return at;
}

describe('job lint: run-time problems at file:line:col', () => {
  const dir = write('jobs', {
    'a-near.yaml': 'apiVersion: v1\nkind: job\nmetadata:\n  alias: near\n',
    'b-api.yaml': 'apiVersion: V1\nmetadata:\n  alias: api\n',
    'c-local.yaml': job('local', '  - name: host\n    engine: local\n'),
    'd-image.yaml': job('image', '  - name: fetch\n    image: "Alpine:3.20"\n  - name: spaced\n    image: "alpine 3.20"\n'),
    'e-first.yaml': job('twice', '  - name: a\n    image: alpine:3.20\n'),
    'f-second.yaml': job('twice', '  - name: a\n    image: ghcr.io/org/tool:1.2@sha256:' + 'a'.repeat(64) + '\n'),
  });
  const at = (name: string): string => join(dir, name);

  it('reports each, with did-you-mean for near misses', async () => {
    const r = await runCli(['job', 'lint', '-p', dir]);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      `${at('a-near.yaml')}:2:7  warning  kind "job" is not a job kind, so this document was skipped; did you mean "Job"?  (write \`kind: Job\`)`,
      '',
      `${at('b-api.yaml')}:1:13  warning  apiVersion "V1" without kind, so this document was skipped; did you mean "v1"?  (write \`apiVersion: v1\` and \`kind: Job\`)`,
      '',
      `${at('c-local.yaml')}:10:5  error    steps[0] runs on engine local and needs a command  (a local step runs its command on the host; add e.g. \`command: ["sh", "-c", "make report"]\`)`,
      '',
      `${at('d-image.yaml')}:11:12  error    steps[0].image "Alpine:3.20" is not a valid image reference  (repository names are lowercase, e.g. \`alpine:3.20\`)`,
      `${at('d-image.yaml')}:13:12  error    steps[1].image "alpine 3.20" is not a valid image reference  (an image reference has no spaces)`,
      '',
      `${at('f-second.yaml')}:4:10  error    duplicate job alias "twice": also defined at ${at('e-first.yaml')}:4:10  (every job needs its own metadata.alias; rename one of them)`,
      '',
      '✖ 4 errors, 2 warnings in 5 files (4 definitions checked)',
    ]);
  });

  it('apiVersion V1 on a kind: Job document says did you mean', async () => {
    const one = write('api', { 'job.yaml': job('v', '  - name: a\n    image: alpine\n').replace('apiVersion: v1', 'apiVersion: V1') });
    const r = await runCli(['job', 'lint', '-p', one]);
    expect(lines(r.stderr)[0]).toBe(`${join(one, 'job.yaml')}:1:13  error    unsupported apiVersion: V1  (did you mean "v1"?)`);
  });

  it('--verbose lists the skipped documents', async () => {
    const r = await runCli(['job', 'lint', '-p', dir, '--verbose']);
    expect(lines(r.stdout)).toEqual([
      'Skipped 2 non-job documents:',
      `  - ${at('a-near.yaml')}:1 (kind job)`,
      `  - ${at('b-api.yaml')}:1 (apiVersion V1 without kind)`,
    ]);
  });
});

describe('caesium test on a path without jobs', () => {
  it('prints "No job definitions found." and exits 0', async () => {
    const empty = write('empty', { 'chart.yaml': 'apiVersion: v2\nkind: Chart\n' });
    const r = await runCli(['test', '--path', empty]);
    expect(r).toEqual({ code: 0, stdout: 'No job definitions found.\n', stderr: '' });
  });
});
