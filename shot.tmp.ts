// ad-hoc screenshots: node --import tsx shot.tmp.ts <path> <name> [w] [h] [login] [a11y-json] [lang]
import { chromium } from 'playwright-core';
const [path, name, w = '1440', h = '900', login = '', a11y = '', lang = ''] = process.argv.slice(2);
const base = 'http://127.0.0.1:3111';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await b.newContext({ viewport: { width: +w, height: +h } });
const page = await ctx.newPage();
await page.addInitScript(([a, l]) => { if (a) localStorage.setItem('jb.a11y', a); if (l) localStorage.setItem('jb.lang', l); }, [a11y, lang]);
if (login) {
  const r = await page.request.post(`${base}/api/v1/auth/login`, { data: { login, password: login === 'admin' ? 'admin-password-123' : 'jiebang-demo' } });
  if (!r.ok()) throw new Error(await r.text());
}
await page.goto(base + path);
await page.waitForTimeout(2500);
await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: process.env.FULL === '1' });
const cls = await page.evaluate(() => new Promise<number>((res) => { let v = 0; new PerformanceObserver((l) => { for (const e of l.getEntries() as any) if (!e.hadRecentInput) v += e.value; }).observe({ type: 'layout-shift', buffered: true }); setTimeout(() => res(v), 100); }));
const hdr = await page.evaluate(() => (document.querySelector('main, #main') as HTMLElement | null)?.getBoundingClientRect().top ?? -1);
const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
console.log(name, 'CLS', cls.toFixed(3), 'main top', Math.round(hdr), 'overflow', overflow);
await b.close();
