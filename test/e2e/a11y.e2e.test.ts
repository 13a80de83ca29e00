// The accessibility bar (elder mode, 繁體, 拼音, zoom, remembered), the language switch, and a
// whole application made with the keyboard only. axe on every page; screenshots kept.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eSession } from './support/session.ts';
import { proposal } from './support/seed.ts';
import { checkA11y, requireChromium, visit } from './support/browser.ts';

const canRun = requireChromium();

/** Press Tab until the focused element matches; fail after `max` presses. */
async function tabTo(page: Page, what: string, test: (el: { tag: string; text: string; id: string; label: string }) => boolean, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { tag: a?.tagName ?? '', text: (a?.innerText ?? '').trim(), id: a?.id ?? '', label: a?.getAttribute('aria-label') ?? '' };
    });
    if (test(el)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

async function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement;
    const st = getComputedStyle(a);
    return (st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2) || st.boxShadow !== 'none';
  });
}

describe.skipIf(!canRun)('accessibility', () => {
  const e2e = e2eSession();
  const { pageAs } = e2e;

  it('elder mode, 繁體 and 拼音 switch on, show, are remembered, and switch off', async () => {
    const page = await pageAs('chen');
    await page.goto('/board');
    await page.getByRole('heading', { name: '榜单', level: 1 }).waitFor();
    // The cards themselves, not the placeholders that hold their space while the list loads.
    await page.locator('.challenge-card h2').first().waitFor();

    await page.getByRole('button', { name: /长辈模式/ }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
    expect(await page.getByRole('button', { name: /长辈模式/ }).getAttribute('aria-pressed')).toBe('true');
    const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    const lineHeight = await page.evaluate(() => { const st = getComputedStyle(document.querySelector('.challenge-card p')!); return parseFloat(st.lineHeight) / parseFloat(st.fontSize); });
    expect(fontSize).toBeGreaterThanOrEqual(20);
    expect(lineHeight).toBeGreaterThanOrEqual(1.5);
    await visit(page, 'elder-board');

    await page.getByRole('button', { name: /繁體/ }).click();
    await page.getByRole('heading', { name: '榜單', level: 1 }).waitFor();
    await page.getByText('管網數字孿生平臺建設').or(page.getByText('設計文件智能校審')).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant'); // screen readers read it as traditional
    await visit(page, 'trad-board');

    await page.getByRole('button', { name: /拼音/ }).click();
    await page.locator('ruby rt', { hasText: 'bǎng' }).first().waitFor();
    await visit(page, 'pinyin-board');
    // Drop-downs keep plain options (a <select> cannot show <ruby>), and the phone page keeps its width.
    expect(await page.locator('#board-status option').first().textContent()).toBe('全部狀態');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1440, height: 900 });

    // Remembered: after a reload, and on the next page (text React renders later is converted too).
    await page.reload();
    await page.locator('ruby rt').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
    await page.goto(`/challenges/${e2e.s.challenges.review}`);
    await page.locator('h1 ruby').first().waitFor();
    const h1 = await page.evaluate(() => { const c = document.querySelector('h1')!.cloneNode(true) as HTMLElement; c.querySelectorAll('rt').forEach((r) => r.remove()); return c.textContent; });
    expect(h1).toBe('設計文件智能校審');
    await visit(page, 'pinyin-trad-challenge');

    await page.getByRole('button', { name: '恢復默認' }).click();
    await page.getByRole('heading', { name: '设计文件智能校审', level: 1 }).waitFor();
    expect(await page.locator('ruby').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(false);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('read aloud says so when the browser has no voice (headless Chromium has none)', async () => {
    const page = await pageAs('chen');
    await page.goto('/board');
    await page.getByRole('heading', { name: '榜单', level: 1 }).waitFor();
    const voices = await page.evaluate(() => speechSynthesis.getVoices().length);
    await page.getByRole('button', { name: '朗读正文' }).click();
    if (voices === 0) await page.getByRole('status').filter({ hasText: '此浏览器没有可用的朗读语音' }).waitFor();
    else await page.getByRole('button', { name: '停止朗读' }).waitFor();
  });

  it('zoom changes the page scale and is announced', async () => {
    const page = await pageAs('chen');
    await page.goto('/board');
    await page.getByRole('button', { name: '放大页面' }).click();
    await page.getByText('115%').waitFor();
    expect(await page.evaluate(() => (document.documentElement.style as any).zoom)).toBe('1.15');
    await page.getByRole('button', { name: '缩小页面' }).click();
    await page.getByText('100%').waitFor();
  });

  it('switches the language to English and 繁體中文', async () => {
    const page = await pageAs('chen');
    await page.goto('/board');
    await page.getByLabel('语言 Language').selectOption('en');
    await page.getByRole('heading', { name: 'Challenge board', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await visit(page, 'board-en');
    await page.getByLabel('语言 Language').selectOption('zh-TW');
    await page.getByRole('heading', { name: '榜單', level: 1 }).waitFor();
    // One 繁體: the interface and the data alike, through the toggle's conversion (審核, not 稽核).
    await page.getByRole('link', { name: '供應鏈數字化協同' }).waitFor();
    expect(await page.getByRole('link', { name: '供应链数字化协同' }).count()).toBe(0);
    const trad = page.locator('#a11y-trad');
    expect(await trad.getAttribute('aria-pressed')).toBe('true');
    expect(await trad.isDisabled()).toBe(true);
    await visit(page, 'board-zh-TW');
    await page.getByLabel('語言 Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '榜单', level: 1 }).waitFor();
    await page.getByRole('link', { name: '供应链数字化协同' }).waitFor();
    expect(await trad.getAttribute('aria-pressed')).toBe('false');
  });

  it('on a phone the page starts near the top: one header row, a one-row accessibility bar, the account tools in a menu', async () => {
    for (const elder of [false, true]) {
      const page = await pageAs('chen');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/board');
      if (elder) await page.locator('#a11y-elder').click();
      await page.getByRole('heading', { name: '榜单', level: 1 }).waitFor();
      const top = await page.evaluate(() => document.getElementById('main')!.getBoundingClientRect().top);
      expect(top).toBeLessThan(elder ? 140 : 110); // 185 px and 290 px before
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.getByRole('button', { name: '账号菜单' }).click();
      await page.getByRole('button', { name: '退出登录' }).waitFor();
      await page.getByLabel('语言 Language').waitFor();
      await page.getByRole('button', { name: /无障碍/ }).click();
      await page.locator('#a11y-pinyin').waitFor();
      await visit(page, elder ? 'phone-header-elder' : 'phone-header');
    }
  });

  it('the board does not jump while it loads (layout shift below 0.1)', async () => {
    const page = await pageAs('chen');
    await page.addInitScript(() => {
      (window as any).__cls = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries() as any) if (!e.hadRecentInput) (window as any).__cls += e.value; })
        .observe({ type: 'layout-shift', buffered: true });
    });
    // Slow answers make a late list the worst case.
    await page.route('**/api/v1/challenges?**', async (route) => { await new Promise((r) => setTimeout(r, 800)); await route.continue(); });
    await page.goto('/board');
    await page.locator('.challenge-card h2').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as any).__cls)).toBeLessThan(0.1);
  });

  it('applies with the keyboard only, with focus always visible', async () => {
    const page = await pageAs('chen');
    await page.goto(`/challenges/${e2e.s.challenges.spare}`);
    await page.getByRole('heading', { name: '三维协同设计标准化', level: 1 }).waitFor();
    await checkA11y(page, 'challenge (keyboard)');
    // The skip link comes first and takes us to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    expect(await focusVisible(page)).toBe(true);
    await tabTo(page, '我要揭榜', (el) => el.text === '我要揭榜');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '揭榜报名' }).waitFor();
    const p = proposal('陈静');
    await tabTo(page, 'the summary', (el) => el.id === 'proposal_summary');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.type(p.summary);
    await page.keyboard.press('Tab');
    await page.keyboard.type(p.approach);
    await page.keyboard.press('Tab');
    await page.keyboard.type(p.plan);
    await page.keyboard.press('Tab');
    await page.keyboard.type(p.expectedResults);
    await tabTo(page, 'the submit button', (el) => el.tag === 'BUTTON' && el.text === '提交报名');
    expect(await focusVisible(page)).toBe(true);
    await visit(page, 'apply-keyboard');
    await page.keyboard.press('Enter');
    await page.getByText('报名已提交，等待管理办资格审查。').waitFor();
    const apps = await e2e.s.organizer.get(`/applications?challengeId=${e2e.s.challenges.spare}`);
    expect(apps.items.map((a: any) => [a.lead.name, a.status])).toEqual([['陈静', 'submitted']]);
  });
});
