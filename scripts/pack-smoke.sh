#!/usr/bin/env bash
# Packs caesium and installs the tarball into an empty project, as a user who ran
# `npm install caesium` would; then, with the installed package only:
#   - the binary lints and tests the examples;
#   - `caesium/cli` runs a command in-process on streams it is given;
#   - `import('caesium')` runs the library's documented @module example (a local job
#     in memory): its status and output must be what the documentation says;
#   - a TypeScript consumer type-checks against the installed declarations.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
cd "$tmp"
npm init -y >/dev/null
npm pkg set type=module >/dev/null
npm install --no-audit --no-fund --silent "$tmp/$tarball"

# The binary.
./node_modules/.bin/caesium job lint --path "$root/examples" --strict
./node_modules/.bin/caesium lint --path "$root/examples" --strict >/dev/null
./node_modules/.bin/caesium test --path "$root/examples" >/dev/null
test "$(./node_modules/.bin/caesium --version)" = "$(node -p "require('$root/package.json').version")"

# caesium/cli, in-process.
cat > cli.mjs <<JS
import { Writable } from 'node:stream';
import { createIo, runCli } from 'caesium/cli';
let json = '';
const out = new Writable({ write: (chunk, _encoding, done) => ((json += String(chunk)), done()) });
const code = await runCli(['job', 'lint', '--path', '$root/examples', '--format', 'json'], createIo({ out, err: process.stderr }));
const report = JSON.parse(json);
if (code !== 0 || report.summary.errors !== 0 || report.summary.definitions < 1) throw new Error('caesium/cli: job lint gave ' + code + ' ' + json);
JS
node cli.mjs

# The library: the @module example of the installed entry, run as documented.
node "$root/scripts/module-example.mjs" node_modules/caesium/dist/src/index.js example >/dev/null
got=$(cd example && node example.mjs)
test "$got" = "succeeded hello" || { echo "pack smoke: the @module example printed '$got', not 'succeeded hello'" >&2; exit 1; }

# The types, as a consumer sees them.
cat > consumer.ts <<'TS'
import { CaesiumClient, createLocalRuntime, createMemoryStore, loadDefinitions, runJob, systemClock, type RunSummary } from 'caesium';
import { runCli } from 'caesium/cli';

export async function run(path: string): Promise<RunSummary | undefined> {
  const job = loadDefinitions([path]).definitions[0]?.job;
  if (job === undefined) return undefined;
  const store = await createMemoryStore();
  const local = createLocalRuntime();
  const summary = await runJob(job, { store, runtimes: async () => local, clock: systemClock, events: () => {} }, { maxParallel: 1, signal: AbortSignal.timeout(60_000) });
  // @ts-expect-error a status is a string: this line fails to compile only if the types are real
  const wrong: number = summary.status;
  void wrong;
  return summary;
}
export const client = new CaesiumClient({ baseUrl: 'http://127.0.0.1:8080' });
export const lint = (): Promise<number> => runCli(['job', 'lint']);
TS
cat > tsconfig.json <<JSON
{
  "compilerOptions": {
    "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true,
    "noEmit": true, "skipLibCheck": true, "types": ["node"], "typeRoots": ["$root/node_modules/@types"]
  },
  "files": ["consumer.ts"]
}
JSON
"$root/node_modules/.bin/tsc" -p tsconfig.json

echo "pack smoke: OK ($tarball: CLI, caesium/cli, import('caesium') ran a job, types resolve)"
