import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

/**
 * Which modules a command loads, recorded by a module-resolution hook
 * (`module.register`) that appends every resolved URL to a file. `job lint`
 * must not pay for the engine, the runtimes, the store or the terminal UI.
 */
const dir = mkdtempSync(join(tmpdir(), 'caesium-loads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recorder(name: string): { nodeArgs: string[]; loaded: () => string[] } {
  const log = join(dir, `${name}.log`);
  const hooks = join(dir, `${name}-hooks.mjs`);
  const register = join(dir, `${name}-register.mjs`);
  writeFileSync(log, '');
  writeFileSync(
    hooks,
    [
      "import { appendFileSync } from 'node:fs';",
      'let log;',
      'export function initialize(data) { log = data.log; }',
      'export async function resolve(specifier, context, next) {',
      '  const result = await next(specifier, context);',
      "  appendFileSync(log, result.url + '\\n');",
      '  return result;',
      '}',
    ].join('\n'),
  );
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { log: ${JSON.stringify(log)} } });\n`,
  );
  return {
    nodeArgs: ['--import', pathToFileURL(register).href],
    loaded: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
  };
}

const HEAVY = [
  '/node_modules/ink/',
  '/node_modules/react/',
  '/node_modules/dockerode/',
  '/node_modules/sql.js/',
  '/node_modules/kysely/',
  '/node_modules/undici/',
];
const OURS = ['/dist/src/engine/', '/dist/src/runtime/', '/dist/src/store/', '/dist/src/cli/views/'];
/**
 * What lint may load of those rooms: where the kubernetes runtime finds its cluster (node builtins only,
 * 38 lines), for the warning on a kubernetes step when none is configured.
 */
const LINT_MAY_LOAD = ['/dist/src/runtime/kubernetes/kubernetes-config.js'];

describe('lazy loading', () => {
  it('job lint loads none of the heavy modules', async () => {
    const rec = recorder('lint');
    const r = await runCli(['job', 'lint', '-p', 'examples/local-engine.yaml'], { nodeArgs: rec.nodeArgs });
    expect(r.code).toBe(0);
    const loaded = rec.loaded();
    expect(loaded.some((u) => u.endsWith('/dist/src/cli/commands/lint.js'))).toBe(true);
    const heavy = loaded.filter((u) => [...HEAVY, ...OURS].some((h) => u.includes(h)));
    expect(heavy.filter((u) => !LINT_MAY_LOAD.some((ok) => u.endsWith(ok)))).toEqual([]);
  });

  it('test --check-images does load the runtime and dockerode (the recorder sees them)', async () => {
    const rec = recorder('images');
    const r = await runCli(['test', '-p', 'test/cli/fixtures/images', '--check-images'], {
      nodeArgs: rec.nodeArgs,
      env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock', CAESIUM_DOCKER_HOST: undefined, CAESIUM_PODMAN: undefined },
    });
    expect(r.code).toBe(2);
    const loaded = rec.loaded();
    expect(loaded.some((u) => u.includes('/node_modules/dockerode/'))).toBe(true);
    expect(loaded.some((u) => u.includes('/dist/src/runtime/'))).toBe(true);
  });
});
