// Served like a product: precompressed assets, compressed JSON, real robots.txt and favicon, a
// missing asset is a 404 (never the app's page), and a chunk gone after a redeploy reloads once
// and then says what happened instead of leaving a white page.
import { describe, expect, it } from 'vitest';
import { e2eSession } from './support/session.ts';
import { requireChromium, visit } from './support/browser.ts';

const canRun = requireChromium();

describe.skipIf(!canRun)('serving the web app', () => {
  const e2e = e2eSession();

  it('sends files precompressed, JSON compressed, and 404 for a missing asset', async () => {
    const base = e2e.server.url;
    const html = await (await fetch(`${base}/board`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const br = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect([br.status, br.headers.get('content-encoding')]).toEqual([200, 'br']);
    const gz = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const json = await fetch(`${base}/api/v1/openapi.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(json.headers.get('content-encoding')).toBe('gzip');
    const missing = await fetch(`${base}/assets/BoardPage-gone1234.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<div id="root">');
    expect((await fetch(`${base}/favicon.ico`)).headers.get('content-type')).toMatch(/image/);
    expect(await (await fetch(`${base}/robots.txt`)).text()).toContain('User-agent');
  });

  it('a page whose chunk is gone reloads once, then says what happened', async () => {
    const page = await e2e.pageAs('chen');
    await page.goto('/board');
    await page.getByRole('heading', { name: '榜单', level: 1 }).waitFor();
    // The redeploy: the chunk of 我的揭榜 is gone.
    let asked = 0;
    await page.route(/\/assets\/MyWorkPage-[^/]+\.js$/, (route) => { asked++; return route.fulfill({ status: 404, body: 'gone' }); });
    await page.getByRole('link', { name: '我的揭榜' }).click();
    await page.getByRole('heading', { name: '页面没能加载' }).waitFor();
    expect(asked).toBe(2); // once, then once more after the reload
    await visit(page, 'chunk-load-failed');
    await page.unroute(/\/assets\/MyWorkPage-[^/]+\.js$/);
    await page.getByRole('button', { name: '重新加载' }).click();
    await page.getByRole('heading', { name: '我的揭榜' }).waitFor();
  });
});
