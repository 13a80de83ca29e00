// Notifications in the browser: a person invited to a team sees the bell's count, opens the
// invitation from it, lands on the row in 我的揭榜 and confirms; the lead then hears of it.
// axe on every page visited; screenshots at 1440×900 and 390×844.
import { describe, expect, it } from 'vitest';
import { e2eSession } from './support/session.ts';
import { proposal } from './support/seed.ts';
import { requireChromium, visit } from './support/browser.ts';
import { ApiClient } from './support/api.ts';
import { PASSWORD } from './support/seed.ts';

const canRun = requireChromium();

describe.skipIf(!canRun)('notifications', () => {
  const e2e = e2eSession();

  it('an invited member sees the bell count, opens the invitation from it and confirms', async () => {
    const lead = await ApiClient.signIn(e2e.server.url, 'lina', PASSWORD);
    const member = e2e.s.users.wangfang;
    const app = await lead.post(`/challenges/${e2e.s.challenges.review}/applications`, { proposal: proposal('李娜'), memberIds: [member.id] });

    const page = await pageFor('wangfang');
    await page.goto('/board');
    const bell = page.getByRole('button', { name: /通知，1 条未读/ });
    await bell.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('bell-count').textContent()).toBe('1');
    await visit(page, 'bell-unread');
    await bell.click();
    const item = page.getByRole('link', { name: /李娜 邀请你加入「设计文件智能校审」的揭榜团队/ });
    await item.waitFor();
    await visit(page, 'bell-open');
    await item.click();
    await expect.poll(() => page.url()).toContain(`/me?application=${app.id}`);
    const row = page.locator(`#app-${app.id}`);
    await row.waitFor();
    expect(await row.getAttribute('class')).toContain('highlight');
    await page.getByRole('button', { name: '通知', exact: true }).waitFor(); // read: no unread count any more
    await visit(page, 'my-work-from-notification');
    await row.getByRole('button', { name: '确认加入' }).click();
    await page.getByText(/已确认加入“设计文件智能校审”团队/).waitFor();

    const leadPage = await pageFor('lina');
    await leadPage.goto('/notifications');
    await leadPage.getByRole('heading', { name: '通知', level: 1 }).waitFor();
    await leadPage.getByText(/王芳 已确认加入你在「设计文件智能校审」的团队/).waitFor({ timeout: 20_000 });
    await visit(leadPage, 'notifications-page');
    await leadPage.getByRole('button', { name: '全部标为已读' }).click();
    await leadPage.getByRole('button', { name: '通知', exact: true }).waitFor();
  });

  it('speaks English and marks all read from the bell', async () => {
    const lead = await ApiClient.signIn(e2e.server.url, 'zhao', PASSWORD);
    await lead.post(`/challenges/${e2e.s.challenges.supply}/applications`, { proposal: proposal('赵强'), memberIds: [e2e.s.users.chen.id] });
    const page = await pageFor('chen');
    await page.goto('/board');
    await page.getByLabel('语言 Language').selectOption('en');
    const bell = page.getByRole('button', { name: /Notifications, 1 unread/ });
    await bell.waitFor({ timeout: 20_000 });
    await bell.click();
    await page.getByRole('link', { name: /赵强 invited you to their team for “供应链数字化协同”/ }).waitFor();
    await visit(page, 'bell-open-en');
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
  });

  it('reads well in elder mode and with 拼音 (bell open, notifications page)', async () => {
    const lead = await ApiClient.signIn(e2e.server.url, 'zhang', PASSWORD);
    await lead.post(`/challenges/${e2e.s.challenges.spare}/applications`, { proposal: proposal('张伟'), memberIds: [e2e.s.users.zhao.id] });
    const page = await pageFor('zhao');
    await page.goto('/notifications');
    await page.getByText(/张伟 邀请你加入「三维协同设计标准化」的揭榜团队/).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /长辈模式/ }).click();
    await page.getByRole('button', { name: /拼音/ }).click();
    await page.locator('ruby rt', { hasText: 'tōng' }).first().waitFor();
    await visit(page, 'notifications-elder-pinyin');
    await page.getByRole('button', { name: /通知/ }).first().click();
    await page.locator('.bell-panel').waitFor();
    await visit(page, 'bell-elder-pinyin');
    await page.keyboard.press('Escape');
    await page.locator('.bell-panel').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /恢复默认|恢復默認/ }).click();
  });

  async function pageFor(login: string) {
    return e2e.pageAs(login);
  }
});
