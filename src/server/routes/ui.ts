/**
 * The operator UI on the API's port: `GET /` sends the browser to `/ui/`, files of the build are served under
 * `/ui/` and every other path below it is a page of the app (index.html, the router picks the page). Compressed
 * when the browser accepts it; public in api-key mode (the files hold no data: the app asks for a key).
 */
import type { Hono } from 'hono';
import { compress } from 'hono/compress';
import { NOT_BUILT_PAGE, REVALIDATE, defaultUiDir, uiFile, uiIndex } from '../ui/ui-files.js';

/** Registers the UI routes; `dir` is the built UI (default: dist/ui of the package). */
export function uiRoutes(app: Hono, dir: string = defaultUiDir()): void {
  app.get('/', (c) => c.redirect('/ui/', 302));
  app.get('/ui', (c) => c.redirect('/ui/', 301));
  // Browsers ask for it on every page; without it each ask would count as a failed authentication in api-key mode.
  app.get('/favicon.ico', (c) => c.redirect('/ui/favicon.svg', 301));
  app.use('/ui/*', compress());
  app.get('/ui/*', async (c) => {
    const file = await uiFile(dir, c.req.path.slice('/ui/'.length));
    if (file !== undefined)
      return c.body(file.body as Uint8Array<ArrayBuffer>, 200, { 'content-type': file.type, 'cache-control': file.cache });
    const index = await uiIndex(dir);
    if (index === undefined) return c.html(NOT_BUILT_PAGE, 503, { 'cache-control': REVALIDATE });
    return c.body(index as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': REVALIDATE });
  });
}
