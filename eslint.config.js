// One linter, type-aware, with the import boundaries of docs/architecture.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Modules that only adapters and front doors may import. */
const HEAVY = [
  'dockerode',
  'sql.js',
  'pg',
  'kysely',
  'better-sqlite3',
  'ink',
  'react',
  'commander',
  'hono',
  '@hono/*',
  'fastify',
  'chokidar',
  'undici',
  'prom-client',
  '@kubernetes/*',
];
const IO = ['node:child_process', 'child_process', 'node:net', 'node:http', 'node:https'];
const FS = ['node:fs', 'fs', 'node:fs/promises', 'fs/promises'];
/** The only files of a pure room that read files: the definition loader, its file walk and the bundled schema. */
const READS_FILES = ['src/jobdef/load.ts', 'src/jobdef/discover.ts', 'src/jobdef/job-schema.ts'];
/**
 * The server's store families. src/engine drives a `RunStore` (src/engine/ports/run-store.ts) and may not
 * import src/store at all; this keeps the families from being declared in the engine again.
 */
const SERVER_FAMILIES = 'callbacks|catalog|triggerState|backfills|hooks|inventory|insights';
const SERVER_STORE_TYPES =
  '^(Store|StoreQueries|CallbackQueries|CatalogQueries|TriggerStateQueries|BackfillQueries|HookQueries|InventoryQueries|InsightQueries)$';
const serverFamilyMessage = "the engine's store port is RunStore: the server's families and the full Store live in src/store/ports/.";
const engineStoreSyntax = [
  { selector: `:matches(TSInterfaceDeclaration, TSTypeAliasDeclaration)[id.name=/${SERVER_STORE_TYPES}/]`, message: serverFamilyMessage },
  {
    selector: `TSInterfaceDeclaration[id.name=/(Queries|Store)$/] TSPropertySignature[key.name=/^(${SERVER_FAMILIES})$/]`,
    message: serverFamilyMessage,
  },
];

const rooms = {
  dag: ['jobdef', 'engine', 'runtime', 'store', 'observe', 'trigger', 'harness', 'server', 'client', 'cli'],
  jobdef: ['engine', 'runtime', 'store', 'observe', 'trigger', 'harness', 'server', 'client', 'cli'],
  engine: ['runtime', 'store', 'observe', 'trigger', 'harness', 'server', 'client', 'cli'],
  runtime: ['store', 'observe', 'trigger', 'harness', 'server', 'client', 'cli'],
  store: ['runtime', 'observe', 'trigger', 'harness', 'server', 'client', 'cli'],
  observe: ['runtime', 'store', 'trigger', 'harness', 'server', 'client', 'cli'],
  trigger: ['engine', 'runtime', 'store', 'observe', 'harness', 'server', 'client', 'cli'],
  harness: ['server', 'client', 'cli'],
  api: ['engine', 'runtime', 'store', 'observe', 'trigger', 'harness', 'server', 'client', 'cli'],
  client: ['engine', 'runtime', 'store', 'observe', 'trigger', 'harness', 'server', 'cli'],
  cli: ['server'],
  server: ['cli'],
};

const boundaryConfigs = Object.entries(rooms).flatMap(([room, forbidden]) => {
  const pure = room === 'dag' || room === 'jobdef' || room === 'engine' || room === 'api';
  const files = [`src/${room}/**/*.ts`, `src/${room}/**/*.tsx`];
  const patterns = (banned) => [
    ...forbidden.map((f) => ({
      group: [`../${f}/*`, `../../${f}/*`, `../../../${f}/*`, `../${f}`, `../../${f}`],
      message: `src/${room} may not import src/${f} (see docs/architecture.md, "Rooms").`,
    })),
    ...(banned.length > 0 ? [{ group: banned, message: `src/${room} does no I/O of its own: receive a port instead.` }] : []),
  ];
  const rules = (banned) => ({
    'no-restricted-imports': ['error', { patterns: patterns(banned) }],
    ...(room === 'engine' ? { 'no-restricted-syntax': ['error', ...engineStoreSyntax] } : {}),
  });
  const config = (banned, extra = {}) => ({ files, ignores: ['**/*.test.ts'], ...extra, rules: rules(banned) });
  if (!pure) return [config([])];
  const loader = READS_FILES.filter((f) => f.startsWith(`src/${room}/`));
  return [
    config([...HEAVY, ...IO, ...FS], { ignores: ['**/*.test.ts', ...loader] }),
    ...(loader.length > 0 ? [config([...HEAVY, ...IO], { files: loader })] : []),
  ];
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/.out/**', 'test/.tmp/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The plain-JS files outside tsconfig (benches, scripts, bin) share the default project; two dozen is still quick.
        projectService: {
          allowDefaultProject: ['*.js', 'bin/*.js', 'bench/*.mjs', 'scripts/*.mjs'],
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 32,
        },
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
