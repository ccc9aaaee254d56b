// One linter, type-aware, with the import boundaries of shared/design.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Modules that only adapters and front doors may import. */
const HEAVY = ['dockerode', 'sql.js', 'pg', 'kysely', 'better-sqlite3', 'ink', 'react', 'commander', 'hono', '@hono/*', 'fastify', 'chokidar', 'undici', 'prom-client', '@kubernetes/*'];
const IO = ['node:child_process', 'child_process', 'node:net', 'node:http', 'node:https'];

const rooms = {
  dag: ['jobdef', 'engine', 'runtime', 'store', 'observe', 'trigger', 'harness', 'server', 'client', 'cli'],
  jobdef: ['engine', 'runtime', 'store', 'observe', 'trigger', 'harness', 'server', 'client', 'cli'],
  engine: ['runtime', 'store', 'observe', 'trigger', 'harness', 'server', 'client', 'cli'],
  runtime: ['store', 'observe', 'trigger', 'harness', 'server', 'client', 'cli'],
  store: ['runtime', 'observe', 'trigger', 'harness', 'server', 'client', 'cli'],
  observe: ['runtime', 'store', 'trigger', 'harness', 'server', 'client', 'cli'],
  trigger: ['engine', 'runtime', 'store', 'observe', 'harness', 'server', 'client', 'cli'],
  harness: ['server', 'client', 'cli'],
  client: ['engine', 'runtime', 'store', 'observe', 'trigger', 'harness', 'server', 'cli'],
  cli: ['server'],
  server: ['cli'],
};

const boundaryConfigs = Object.entries(rooms).map(([room, forbidden]) => {
  const pure = room === 'dag' || room === 'jobdef' || room === 'engine';
  return {
    files: [`src/${room}/**/*.ts`, `src/${room}/**/*.tsx`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden.map((f) => ({
              group: [`../${f}/*`, `../../${f}/*`, `../../../${f}/*`, `../${f}`, `../../${f}`],
              message: `src/${room} may not import src/${f} (see shared/design.md, "Rooms").`,
            })),
            ...(pure
              ? [{ group: [...HEAVY, ...IO], message: `src/${room} does no I/O of its own: receive a port instead.` }]
              : []),
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/.out/**', 'test/.tmp/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The plain-JS files outside tsconfig (benches, scripts, bin) share the default project; a dozen is still quick.
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'bench/*.mjs', 'scripts/*.mjs'], maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16 },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  ...boundaryConfigs,
  {
    // No import cycles between our modules (type-only imports do not count: they vanish at build).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
