/**
 * Where the built operator UI lives and how one of its files is answered: `dist/ui/` of the installed package
 * (built by `npm run build`), files under `assets/` carry a content hash in their name and are cached for good,
 * everything else (index.html above all) is revalidated on every load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** The package root: the nearest folder above this module with caesium's package.json (same from src/ and dist/src/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'caesium') return dir;
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** The folder of the built UI. */
export const defaultUiDir = (): string => join(packageRoot(), 'dist', 'ui');

export interface UiFile {
  body: Uint8Array;
  type: string;
  cache: string;
}

/** The file `rest` (the path below /ui/) of `root`, or undefined when there is none (a page of the app). */
export async function uiFile(root: string, rest: string): Promise<UiFile | undefined> {
  const clean = normalize(decodeURIComponent(rest)).replace(/^([/\\])+/, '');
  if (clean === '' || clean.startsWith('..') || clean.includes(`${sep}..`)) return undefined;
  const path = join(root, clean);
  if (!path.startsWith(root + sep)) return undefined;
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) return undefined;
  const cache = clean.startsWith(`assets${sep}`) ? IMMUTABLE : REVALIDATE;
  return { body: await readFile(path), type: TYPES[extname(path)] ?? 'application/octet-stream', cache };
}

/** index.html of `root`, or undefined when the UI was not built. */
export async function uiIndex(root: string): Promise<Uint8Array | undefined> {
  return readFile(join(root, 'index.html')).catch(() => undefined);
}

/** The page answered when dist/ui is missing: what happened and what to do. */
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>caesium: UI not built</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>The operator UI is not built</h1>
<p>This server found no <code>dist/ui/index.html</code>. Run <code>npm run build</code> in the caesium checkout
(the published package ships it built), then reload. The API is unaffected: <a href="/health">/health</a>.</p>
</body></html>
`;
