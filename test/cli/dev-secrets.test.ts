/**
 * `secret://` references in step env, through the built CLI: resolved when
 * the process or container is created (local, Docker, Podman), masked as
 * `***` in what the task prints (in dev and in harness scenarios), a clear
 * error naming step and key when a provider is missing, and `job lint
 * --check-secrets` at file:line:col.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { managedContainers, requireEngine, TEST_IMAGE } from '../support/engines.js';

const engines = { docker: await requireEngine('docker'), podman: await requireEngine('podman') };
const VALUE = 'hunter2-Zq9';

const JOB = `apiVersion: v1
kind: Job
metadata:
  alias: secret-demo
trigger:
  type: cron
  configuration:
    cron: "0 * * * *"
steps:
  - name: use-token
    engine: local
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "test \\"$TOKEN\\" = \\"$(printf %s%s hunter2- Zq9)\\" && echo \\"token is $TOKEN\\" && echo '##caesium::output {\\"seen\\":\\"'$TOKEN'\\"}'"]
    env:
      TOKEN: secret://env/DEMO_TOKEN
      PLAIN: visible
`;

describe('secrets in step env (caesium dev)', () => {
  let dir = '';
  let job = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-dev-secrets-'));
    job = join(dir, 'job.yaml');
    writeFileSync(job, JOB);
    writeFileSync(join(dir, 'secrets.env'), `# dotenv\nDEMO_TOKEN='${VALUE}'\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (extra: string[], env: Record<string, string | undefined> = {}) =>
    runCli(['dev', '--once', '--logs', '--no-cache', '-p', job, ...extra], { env: { DEMO_TOKEN: undefined, ...env } });

  it('local: the task gets the value from the environment; its output shows ***', async () => {
    const result = await run([], { DEMO_TOKEN: VALUE });
    expect(result.stdout + result.stderr).not.toContain(VALUE);
    expect(result.stdout).toContain('use-token | token is ***');
    expect(result.stdout).toContain('use-token | ##caesium::output {"seen":"***"}');
    expect(result.code).toBe(0);
  });

  it('--env-file supplies secret://env/ values (dotenv, repeatable)', async () => {
    const result = await run(['--env-file', join(dir, 'secrets.env')]);
    expect(result.stdout + result.stderr).not.toContain(VALUE);
    expect(result.stdout).toContain('token is ***');
    expect(result.code).toBe(0);
  });

  it('an unset variable fails the step with its name and key, never running it with the literal', async () => {
    const result = await run([]);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain(
      'step "use-token": secret not resolved: env TOKEN (secret://env/DEMO_TOKEN): environment variable "DEMO_TOKEN" is not set',
    );
    expect(result.stdout).not.toContain('token is');
  });

  it('harness: a scenario runs the step with the value and its log shows ***', async () => {
    const scenario = join(dir, 'secret.scenario.yaml');
    writeFileSync(
      scenario,
      [
        'apiVersion: v1',
        'kind: Harness',
        'scenarios:',
        '  - name: token reaches the step',
        '    path: job.yaml',
        '    expect:',
        '      tasks:',
        '        - name: use-token',
        '          status: succeeded',
        '          logContains: ["token is ***"]',
        '',
      ].join('\n'),
    );
    const result = await runCli(['test', '--scenario', scenario, '--engine', 'local', '--verbose'], { env: { DEMO_TOKEN: VALUE } });
    expect(result.stdout + result.stderr).not.toContain(VALUE);
    expect(result.code).toBe(0);
  });

  it('job lint --check-secrets reports the unresolved reference at file:line:col', async () => {
    const missing = await runCli(['job', 'lint', '--check-secrets', '-p', job], { env: { DEMO_TOKEN: undefined } });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      `${job}:15:14  error    steps[0].env.TOKEN: secret://env/DEMO_TOKEN (step "use-token") cannot be resolved: environment variable "DEMO_TOKEN" is not set`,
    );
    const present = await runCli(['job', 'lint', '--check-secrets', '-p', job], { env: { DEMO_TOKEN: VALUE } });
    expect(present).toMatchObject({ code: 0, stdout: 'Validated 1 job definition(s) with secrets\n' });
  });

  for (const engine of ['docker', 'podman'] as const) {
    it.skipIf(engines[engine].skip)(`${engine}: the container gets the value; its logs show ***`, { timeout: 60_000 }, async () => {
      const result = await run(['--engine', engine], { DEMO_TOKEN: VALUE });
      expect(result.stdout + result.stderr).not.toContain(VALUE);
      expect(result.stdout).toContain('use-token | token is ***');
      expect(result.code).toBe(0);
      expect(await managedContainers(engine, { job: 'secret-demo' })).toEqual([]);
    });
  }
});
