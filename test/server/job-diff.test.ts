/**
 * `caesium job diff` and `job apply --force/--prune` against a real server
 * process on a SQLite file, through the built CLI (docs/decisions.md D20: REST only).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from './support/server-process.js';

function jobYaml(alias: string, loadImage = 'alpine:3.20', labels = ''): string {
  return `apiVersion: v1
kind: Job
metadata:
  alias: ${alias}
${labels}trigger:
  type: cron
  configuration:
    expression: "0 * * * *"
  defaultParams:
    day: today
steps:
  - name: fetch
    image: alpine:3.20
    command: ["echo", "fetch"]
  - name: load
    image: ${loadImage}
    command: ["echo", "load"]
`;
}

describe('caesium job diff / apply --force --prune (a real server process)', () => {
  let dir: string;
  let repoA: string;
  let repoB: string;
  let server: ServerProcess;
  const cli = (...args: string[]): Promise<CliResult> => runCli([...args, '--server', server.url]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-diff-'));
    repoA = join(dir, 'repo-a');
    repoB = join(dir, 'repo-b');
    mkdirSync(repoA);
    mkdirSync(repoB);
    writeFileSync(join(repoA, 'a.yaml'), jobYaml('diff-a'));
    writeFileSync(join(repoA, 'b.yaml'), jobYaml('diff-b'));
    writeFileSync(join(repoB, 'other.yaml'), jobYaml('diff-other'));
    server = await spawnServer({ CAESIUM_DATABASE_PATH: join(dir, 'caesium.db') });
  });
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  it('lists every local job as a create before anything was applied; exit 0, or 1 with --exit-code', async () => {
    expect(await cli('job', 'diff', '--path', repoA)).toMatchObject({ code: 0, stdout: 'Creates:\n  - diff-a\n  - diff-b\n\n' });
    expect((await cli('job', 'diff', '--path', repoA, '--exit-code')).code).toBe(1);
  });

  it('finds no changes right after apply (trigger defaultParams included)', async () => {
    expect(await cli('job', 'apply', '--path', repoA, '--provenance-source-id', 'repo-a')).toMatchObject({ code: 0 });
    expect(await cli('job', 'apply', '--path', repoB, '--provenance-source-id', 'repo-b')).toMatchObject({ code: 0 });
    expect(await cli('job', 'diff', '--path', repoA, '--provenance-source-id', 'repo-a', '--exit-code')).toMatchObject({
      code: 0,
      stdout: 'No changes detected.\n',
    });
  });

  it('prints creates, field-level updates and deletes; deletes narrowed to the provenance source', async () => {
    writeFileSync(join(repoA, 'a.yaml'), jobYaml('diff-a', 'alpine:3.23', '  labels:\n    team: data\n'));
    rmSync(join(repoA, 'b.yaml'));
    writeFileSync(join(repoA, 'c.yaml'), jobYaml('diff-c'));

    const scoped = await cli('job', 'diff', '--path', repoA, '--provenance-source-id', 'repo-a');
    expect(scoped).toMatchObject({ code: 0, stderr: '' });
    expect(scoped.stdout).toBe(
      [
        'Creates:',
        '  - diff-c',
        '',
        'Updates:',
        '  - diff-a',
        '    + metadata.labels: {"team":"data"}',
        '    ~ steps[1].image: alpine:3.20 → alpine:3.23',
        '',
        'Deletes:',
        '  - diff-b',
        '',
      ].join('\n'),
    );

    const everything = await cli('job', 'diff', '--path', repoA, '--exit-code');
    expect(everything.code).toBe(1);
    expect(everything.stdout).toMatch(/Deletes:\n {2}- diff-b\n {2}- diff-other\n$/);

    const json = await cli('job', 'diff', '--path', repoA, '--provenance-source-id', 'repo-a', '--json');
    const body = JSON.parse(json.stdout);
    expect(body.added.map((j: { alias: string }) => j.alias)).toEqual(['diff-c']);
    expect(body.removed[0]).toMatchObject({
      alias: 'diff-b',
      trigger: { type: 'cron' },
      steps: [{ name: 'fetch', engine: 'docker', image: 'alpine:3.20', command: ['echo', 'fetch'] }, { name: 'load' }],
    });
    expect(body.modified).toEqual([
      {
        alias: 'diff-a',
        diff: '+ metadata.labels: {"team":"data"}\n~ steps[1].image: alpine:3.20 → alpine:3.23',
        changes: [
          { path: 'metadata.labels', kind: 'added', after: { team: 'data' } },
          { path: 'steps[1].image', kind: 'changed', before: 'alpine:3.20', after: 'alpine:3.23' },
        ],
      },
    ]);
  });

  it('apply --prune retires only the jobs of the same source; the diff is then empty', async () => {
    const applied = await cli('job', 'apply', '--path', repoA, '--provenance-source-id', 'repo-a', '--prune');
    expect(applied).toMatchObject({ code: 0, stdout: 'Applied 2 job definition(s)\n' });
    expect(applied.stderr).toContain('Pruned: diff-b');
    const jobs = (await (await fetch(`${server.url}/v1/jobs`)).json()) as { alias: string }[];
    expect(jobs.map((j) => j.alias).sort()).toEqual(['diff-a', 'diff-c', 'diff-other']);
    expect(await cli('job', 'diff', '--path', repoA, '--provenance-source-id', 'repo-a')).toMatchObject({
      code: 0,
      stdout: 'No changes detected.\n',
    });
    // A pruned job brought back by its files counts as a create.
    writeFileSync(join(repoA, 'b.yaml'), jobYaml('diff-b'));
    expect((await cli('job', 'diff', '--path', repoA, '--provenance-source-id', 'repo-a')).stdout).toBe('Creates:\n  - diff-b\n\n');
    rmSync(join(repoA, 'b.yaml'));
  });

  it('apply refuses to take over a job of another source unless --force', async () => {
    const theirs = join(dir, 'takeover');
    mkdirSync(theirs);
    writeFileSync(join(theirs, 'other.yaml'), jobYaml('diff-other', 'alpine:3.23'));
    const refused = await cli('job', 'apply', '--path', theirs, '--provenance-source-id', 'repo-a');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'apply failed: {"message":"job definition provenance conflict: diff-other was applied from source \\"repo-b\\"',
    );
    expect(await cli('job', 'diff', '--path', theirs, '--provenance-source-id', 'repo-a')).toMatchObject({
      stdout: 'Updates:\n  - diff-other\n    ~ steps[1].image: alpine:3.20 → alpine:3.23\n\nDeletes:\n  - diff-a\n  - diff-c\n',
    });
    expect(await cli('job', 'apply', '--path', theirs, '--provenance-source-id', 'repo-a', '--force')).toMatchObject({ code: 0 });
    expect(await cli('job', 'diff', '--path', theirs, '--provenance-source-id', 'repo-b')).toMatchObject({
      stdout: 'No changes detected.\n',
    });
  });

  it('sends nothing when a local definition is invalid, and names an unreachable server', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    writeFileSync(
      join(broken, 'x.yaml'),
      'apiVersion: v1\nkind: Job\nmetadata:\n  alias: x\ntrigger:\n  type: cron\nsteps:\n  - name: a\n',
    );
    const res = await cli('job', 'diff', '--path', broken);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`diff aborted: `);
    expect(res.stderr).toContain(`nothing was sent to ${server.url}`);
    const away = await runCli(['job', 'diff', '--path', repoA, '--server', 'http://127.0.0.1:9']);
    expect(away.code).toBe(1);
    expect(away.stderr).toContain('cannot reach the caesium server at http://127.0.0.1:9');
  });

  it('answers 400 for a bad diff request body', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/v1/jobdefs/diff`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const empty = await post('{"definitions":[]}');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ message: 'definitions are required' });
    const missing = await post('{}');
    expect(await missing.json()).toEqual({ message: 'definitions is required' });
    const invalid = await post(
      JSON.stringify({
        definitions: [{ apiVersion: 'v1', kind: 'Job', metadata: { alias: 'bad' }, trigger: { type: 'cron' }, steps: [] }],
      }),
    );
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { message: string }).message).toMatch(/^definition bad: /);
  });
});
