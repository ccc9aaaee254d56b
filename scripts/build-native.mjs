// Builds caesium's native spawner (native/spawn/) with node-gyp against this Node's own headers.
// Run by `npm run build`. The build is optional: when it fails (no compiler, another platform)
// this prints why and exits 0, and local tasks are started with child_process instead
// (src/runtime/local/native-spawn.ts). CAESIUM_NATIVE_SPAWN=0 skips it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'native/spawn');
const say = (text) => console.log(`[build-native] ${text}`);

if (process.env.CAESIUM_NATIVE_SPAWN === '0') {
  say('skipped (CAESIUM_NATIVE_SPAWN=0): local tasks use child_process');
  process.exit(0);
}
if (process.platform !== 'linux') {
  say(`skipped on ${process.platform}: local tasks use child_process`);
  process.exit(0);
}
// node-gyp ships inside npm; `npm run` tells where npm is.
const candidates = [
  process.env.npm_execpath && join(dirname(process.env.npm_execpath), '../node_modules/node-gyp/bin/node-gyp.js'),
  join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
].filter(Boolean);
const gyp = candidates.find((file) => existsSync(file));
if (gyp === undefined) {
  say(`node-gyp not found (looked in ${candidates.join(', ')}): local tasks use child_process`);
  process.exit(0);
}
// The headers of the running Node (Debian's nodejs puts them in /usr/include/node); no download.
const prefix = join(dirname(process.execPath), '..');
const args = [gyp, 'rebuild', '--directory', dir];
if (existsSync(join(prefix, 'include/node/node_api.h'))) args.push(`--nodedir=${prefix}`);
const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
if (r.status !== 0) {
  const why = `${r.stderr}${r.stdout}`
    .split('\n')
    .filter((l) => /error|ERR!/i.test(l))
    .slice(0, 5)
    .join('\n');
  say(`not built (node-gyp exited ${r.status}): local tasks use child_process\n${why}`);
  process.exit(0);
}
say('built native/spawn/build/Release/caesium_spawn.node');
