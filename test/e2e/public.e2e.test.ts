// The public board (JIEBANG_PUBLIC_BOARD=1): an anonymous visitor reads the board and the
// published challenges, signs in from a challenge to apply, and is sent to sign in anywhere else.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eSession } from './support/session.ts';
import { PASSWORD } from './support/seed.ts';
import { requireChromium, visit } from './support/browser.ts';

const canRun = requireChromium();

describe.skipIf(!canRun)('public board, anonymous visitor', () => {
  const e2e = e2eSession({ env: { JIEBANG_PUBLIC_BOARD: '1' } });

  async function anonymousPage(): Promise<Page> {
    const ctx = await e2e.browser.newContext({
      baseURL: e2e.server.url, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
    });
    e2e.contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (err) => e2e.pageErrors.push(`[anonymous] ${err.message}`));
    return page;
  }

  it('shows the published challenges on the board, with a sign-in link instead of the user menu', async () => {
    const page = await anonymousPage();
    await page.goto('/');
    await page.waitForURL('**/board');
    await page.getByRole('heading', { name: '榜单', level: 1 }).waitFor();
    for (const title of ['设计文件智能校审', '供应链数字化协同', '三维协同设计标准化']) {
      await page.getByRole('link', { name: title }).first().waitFor();
    }
    // The submitted one is not on the public board.
    expect(await page.getByText('管网数字孪生平台建设').count()).toBe(0);
    const banner = page.getByRole('banner');
    await banner.getByRole('link', { name: '登录' }).waitFor();
    expect(await banner.getByRole('button', { name: '退出登录' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: '主导航' }).count()).toBe(0);
    // The campaign filter is filled without signing in, and filters.
    await page.getByLabel('揭榜活动').selectOption({ label: '践行十四五战略 打赢数字化攻坚战' });
    await page.waitForURL(/campaignId=/);
    await page.getByRole('link', { name: '设计文件智能校审' }).first().waitFor();
    await visit(page, 'public-board');
  });

  it('opens a challenge with “登录后揭榜”, no contact, and signing in comes back to apply', async () => {
    const page = await anonymousPage();
    await page.goto(`/challenges/${e2e.s.challenges.review}`);
    await page.getByRole('heading', { name: '设计文件智能校审', level: 1 }).waitFor();
    const signIn = page.getByRole('link', { name: '登录后揭榜' });
    await signIn.waitFor();
    expect(await page.getByRole('link', { name: '我要揭榜' }).count()).toBe(0);
    await page.getByText('登录后可见').waitFor();
    await visit(page, 'public-challenge');

    await signIn.click();
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('账号').fill('zhang');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`**/challenges/${e2e.s.challenges.review}`);
    await page.getByRole('link', { name: '我要揭榜' }).waitFor();
    expect(await page.getByRole('link', { name: '登录后揭榜' }).count()).toBe(0);
  });

  it('answers a challenge that is not on the board with the not-found page', async () => {
    const page = await anonymousPage();
    await page.goto(`/challenges/${e2e.s.challenges.twin}`);
    await page.getByRole('heading', { name: '404 · 页面不存在' }).waitFor();
  });

  it('sends an anonymous visitor of any other page to sign in', async () => {
    const page = await anonymousPage();
    for (const path of ['/me', '/console', `/challenges/${e2e.s.challenges.review}/apply`]) {
      await page.goto(path);
      await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === path);
      await page.getByRole('heading', { name: '登录', level: 1 }).waitFor();
    }
  });
});
