/**
 * Issue 11, item 4: what lint says about a definition agrees with what dev,
 * test and apply do with it. A `kubernetes` step where no cluster is
 * configured is a warning at its `engine` line and column; `trigger.type:
 * event` (the original's examples use it) is accepted with a warning, and a
 * real server process stores such a job, lists it, runs it by hand and never
 * fires it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lines, runCli } from '../support/cli.js';
import { waitFor, type Json } from '../server/support/in-process.js';
import { killAll, liveServers, spawnServer } from '../server/support/server-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'caesium-lint-machine-'));
afterAll(async () => {
  await killAll();
  rmSync(tmp, { recursive: true, force: true });
  expect(liveServers()).toBe(0);
});

const home = join(tmp, 'home');
mkdirSync(home);
/** An environment without any Kubernetes configuration (HOME has no .kube/config). */
const NO_CLUSTER = { HOME: home, KUBECONFIG: undefined, CAESIUM_KUBERNETES_CONFIG: undefined, KUBERNETES_SERVICE_HOST: undefined };

function file(name: string, text: string): string {
  const at = join(tmp, name);
  writeFileSync(at, text);
  return at;
}

const k8s = file(
  'k8s.yaml',
  [
    'apiVersion: v1',
    'kind: Job',
    'metadata:',
    '  alias: deploy',
    'trigger:',
    '  type: cron',
    '  configuration:',
    '    expression: "0 * * * *"',
    'steps:',
    '  - name: build',
    '    engine: local',
    '    command: ["true"]',
    '  - name: rollout',
    '    engine: kubernetes',
    '    image: alpine:3.20',
    '',
  ].join('\n'),
);
const k8sWarning =
  `${k8s}:14:13  warning  steps[1] (step "rollout") runs on engine kubernetes, but no Kubernetes cluster is configured: ` +
  `neither CAESIUM_KUBERNETES_CONFIG nor KUBECONFIG is set; ${join(home, '.kube', 'config')} does not exist  ` +
  '(point CAESIUM_KUBERNETES_CONFIG or KUBECONFIG at a kubeconfig file, create ~/.kube/config, or run the step on docker, podman or local)';

const event = file(
  'event.yaml',
  [
    'apiVersion: v1',
    'kind: Job',
    'metadata:',
    '  alias: on-dataset',
    'trigger:',
    '  type: event',
    '  configuration:',
    '    events:',
    '      - type: dataset.updated',
    'steps:',
    '  - name: hello',
    '    engine: local',
    '    command: ["sh", "-c", "echo hello"]',
    '',
  ].join('\n'),
);
const eventWarning =
  `${event}:6:9  warning  trigger.type "event" is accepted, but event triggers are not supported yet: this job never starts on its own  ` +
  '(start its runs by hand (`caesium run start` on a server, `caesium dev` locally); for runs that start on their own use type cron (a schedule) or http (a webhook))';

describe('a kubernetes step where no cluster is configured', () => {
  it('is a warning of job lint at the engine field; --strict makes it fail', async () => {
    const r = await runCli(['job', 'lint', '-p', k8s], { env: NO_CLUSTER });
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toEqual([k8sWarning, '', '⚠ 0 errors, 1 warning in 1 file (1 definition checked)']);
    expect(r.stdout).toBe('Validated 1 job definition(s)\n');
    const strict = await runCli(['job', 'lint', '-p', k8s, '--strict', '--format', 'json'], { env: NO_CLUSTER });
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).diagnostics).toEqual([
      expect.objectContaining({ line: 14, col: 13, severity: 'warning', code: 'W_KUBERNETES_NO_CLUSTER', field: 'steps[1].engine' }),
    ]);
  });

  it('is the same warning in caesium test and caesium dev', async () => {
    const test = await runCli(['test', '-p', k8s], { env: NO_CLUSTER });
    expect(test.code).toBe(0);
    expect(lines(test.stderr)).toEqual([k8sWarning]);
    const dev = await runCli(['dev', '--once', '-p', k8s], { env: NO_CLUSTER });
    expect(lines(dev.stderr)[0]).toBe(k8sWarning);
  });

  it('is not reported when KUBECONFIG, CAESIUM_KUBERNETES_CONFIG or ~/.kube/config names a file', async () => {
    const config = file('kubeconfig', 'apiVersion: v1\nkind: Config\n');
    for (const env of [{ KUBECONFIG: `${join(tmp, 'missing')}:${config}` }, { CAESIUM_KUBERNETES_CONFIG: config }]) {
      const r = await runCli(['job', 'lint', '-p', k8s], { env: { ...NO_CLUSTER, ...env } });
      expect(r).toEqual({ code: 0, stdout: 'Validated 1 job definition(s)\n', stderr: '' });
    }
    const withHome = join(tmp, 'home-with-kube');
    mkdirSync(join(withHome, '.kube'), { recursive: true });
    writeFileSync(join(withHome, '.kube', 'config'), 'apiVersion: v1\nkind: Config\n');
    const r = await runCli(['job', 'lint', '-p', k8s], { env: { ...NO_CLUSTER, HOME: withHome } });
    expect(r.stderr).toBe('');
  });

  it('says which variable names a missing file', async () => {
    const r = await runCli(['job', 'lint', '-p', k8s], { env: { ...NO_CLUSTER, KUBECONFIG: join(tmp, 'nope') } });
    expect(r.stderr).toContain(`no Kubernetes cluster is configured: KUBECONFIG names no existing file (${join(tmp, 'nope')});`);
  });
});

describe('trigger.type: event', () => {
  it('is a warning of job lint and caesium test, not an error', async () => {
    const lint = await runCli(['job', 'lint', '-p', event]);
    expect(lint.code).toBe(0);
    expect(lines(lint.stderr)).toEqual([eventWarning, '', '⚠ 0 errors, 1 warning in 1 file (1 definition checked)']);
    const test = await runCli(['test', '-p', event]);
    expect(test.code).toBe(0);
    expect(lines(test.stdout)[0]).toBe('  PASS  on-dataset');
    expect(lines(test.stderr)).toEqual([eventWarning]);
  });

  it('runs in caesium dev like any job, after the warning', async () => {
    const dev = await runCli(['dev', '--once', '-p', event]);
    expect(dev.code).toBe(0);
    expect(lines(dev.stderr)[0]).toBe(eventWarning);
    expect(dev.stdout).toContain('  OK    on-dataset completed successfully');
  });

  it('is applied to a server process with the warning; the server lists it, runs it by hand and never fires it', async () => {
    const server = await spawnServer({ CAESIUM_DATABASE_PATH: join(tmp, 'caesium.db') });
    const applied = await runCli(['job', 'apply', '-p', event, '--server', server.url]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toBe('Applied 1 job definition(s)\n');
    expect(lines(applied.stderr)).toEqual([eventWarning]);

    const get = async (path: string): Promise<Json> => (await fetch(`${server.url}${path}`)).json();
    const [job] = await get('/v1/jobs?alias=on-dataset');
    expect(job).toMatchObject({ alias: 'on-dataset', trigger_type: 'event' });
    expect(await get(`/v1/jobs/${job.id}/runs`)).toEqual([]);
    const triggers = (await get('/v1/triggers')) as { type: string }[];
    expect(triggers.map((t) => t.type)).toContain('event');

    const started = await fetch(`${server.url}/v1/jobs/${job.id}/run`, { method: 'POST' });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const run = await waitFor(async (): Promise<{ status: string } | undefined> => {
      const r = (await get(`/v1/jobs/${job.id}/runs/${id}`)) as { status: string };
      return r.status === 'running' ? undefined : r;
    });
    expect(run.status).toBe('succeeded');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
    expect(server.stderr()).not.toMatch(/unexpected|TypeError|stack/i);
  });
});
