import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
const base = 'http://127.0.0.1:3111';
const [login, path, name, lang = 'zh-CN', mode = ''] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: lang, timezoneId: 'Asia/Shanghai' });
if (login !== 'anon') {
  const res = await context.request.post(`${base}/api/v1/auth/login`, { data: { login, password: 'jiebang-demo' } });
  if (!res.ok()) throw new Error(await res.text());
}
const page = await context.newPage();
if (lang !== 'zh-CN' || mode) {
  await page.goto(base + '/board');
  await page.evaluate(([l, m]) => {
    localStorage.setItem('jb.lang', l);
    const s = JSON.parse(localStorage.getItem('jb.a11y') || '{}');
    if (m.includes('elder')) s.elder = true;
    if (m.includes('pinyin')) s.pinyin = true;
    localStorage.setItem('jb.a11y', JSON.stringify(s));
  }, [lang, mode]);
}
await page.goto(base + path);
await page.waitForLoadState('networkidle');
await page.waitForTimeout(800);
const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) console.log('AXE', v.id, v.help, v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
for (const [w, h] of [[1440, 900], [390, 844]]) {
  await page.setViewportSize({ width: w, height: h });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/shots/${name}-${w}.png`, fullPage: true });
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0, i = 0; y < height && i < 8; y += h, i++) {
    await page.evaluate((yy) => window.scrollTo(0, yy), y);
    await page.waitForTimeout(100);
    await page.screenshot({ path: `/tmp/shots/${name}-${w}-p${i}.png` });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}
await browser.close();
