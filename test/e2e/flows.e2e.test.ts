// The main flows in a real browser: publish as organizer, apply (alone, and with a member who
// confirms), the one-lead limit, withdraw, eligibility and award, and the board showing it.
// axe on every page visited; screenshots at 1440×900 and 390×844.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eSession } from './support/session.ts';
import { proposal, PASSWORD } from './support/seed.ts';
import { requireChromium, visit } from './support/browser.ts';
import { ApiClient } from './support/api.ts';

/** Fill the four sections of the apply form. */
async function fillProposal(page: Page, p: ReturnType<typeof proposal>) {
  await page.getByLabel('方案摘要').fill(p.summary);
  await page.getByLabel('技术路线与方法').fill(p.approach);
  await page.getByLabel('进度计划').fill(p.plan);
  await page.getByLabel('预期成果').fill(p.expectedResults);
}

const canRun = requireChromium();

describe.skipIf(!canRun)('web app flows', () => {
  const e2e = e2eSession();
  const { pageAs } = e2e;

  it('signs in through the form and shows the board', async () => {
    const ctx = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 1440, height: 900 } });
    e2e.contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (err) => e2e.pageErrors.push(`[sign-in] ${err.message}`));
    await page.goto('/board');
    await expect.poll(() => page.url()).toContain('/login');
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await visit(page, 'login');
    await page.getByLabel('账号').fill('zhang');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('账号或密码不正确').waitFor();
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '榜单', level: 1 }).waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
  });

  it('organizer publishes a submitted challenge from the console', async () => {
    const page = await pageAs('orga');
    await page.goto('/console');
    await page.getByRole('heading', { name: '管理办' }).waitFor();
    const link = page.getByRole('link', { name: '管网数字孪生平台建设' });
    await link.waitFor();
    await visit(page, 'console-challenges');
    await link.click();
    await page.getByRole('heading', { name: '管网数字孪生平台建设' }).waitFor();
    await visit(page, 'console-review-submitted');
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByText('揭榜中').first().waitFor();
    const c = await e2e.s.organizer.get(`/challenges/${e2e.s.challenges.twin}`);
    expect(c.status).toBe('published');
  });

  it('employee finds it on the board with highlighted search and applies alone', async () => {
    // The organizer's test publishes this challenge from the console; stand alone if it did not run.
    const twin = await e2e.s.organizer.get(`/challenges/${e2e.s.challenges.twin}`);
    if (twin.status === 'submitted') await e2e.s.organizer.post(`/challenges/${twin.id}/transitions`, { action: 'publish' });
    const page = await pageAs('zhang');
    await page.goto('/board');
    await page.getByRole('heading', { name: '榜单', level: 1 }).waitFor();
    await page.getByRole('link', { name: '管网数字孪生平台建设' }).waitFor();
    await visit(page, 'board');
    // Sorting, filters and the view live in the URL, so a view can be shared.
    await page.getByLabel('排序').selectOption('deadline');
    await page.getByLabel('类别').selectOption('管理');
    await expect.poll(() => page.locator('.challenge-card').count()).toBe(1);
    await page.getByRole('button', { name: '列表' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?sort=deadline&category=%E7%AE%A1%E7%90%86&view=list');
    await page.reload();
    await page.getByRole('link', { name: '供应链数字化协同' }).waitFor();
    expect(await page.getByRole('button', { name: '列表' }).getAttribute('aria-pressed')).toBe('true');
    await visit(page, 'board-list-filtered');
    await page.goto('/board');
    await page.getByLabel('搜索课题').fill('数字孪生');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect.poll(() => page.url()).toContain('q=');
    await page.locator('mark', { hasText: '数字孪生' }).first().waitFor();
    await expect.poll(() => page.locator('.challenge-card').count()).toBe(1);
    await visit(page, 'board-search');
    await page.getByRole('link', { name: /管网数字孪生平台建设/ }).click();
    await page.getByRole('heading', { name: '管网数字孪生平台建设', level: 1 }).waitFor();
    await page.getByRole('table').waitFor();
    await visit(page, 'challenge');
    await page.getByRole('link', { name: '我要揭榜' }).click();
    await page.getByRole('heading', { name: '揭榜报名' }).waitFor();
    await visit(page, 'apply-empty');
    // Submitting empty: the fields say what is missing, in Chinese.
    await page.getByRole('button', { name: '提交报名' }).click();
    await page.getByText('请填写方案摘要').waitFor();
    await page.getByText('请按提示修改').first().waitFor();
    // The first field in error comes into view with the focus (the button is a screen below it).
    await expect.poll(() => page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      const r = a?.getBoundingClientRect();
      return !!a && a.tagName === 'TEXTAREA' && !!r && r.top >= 0 && r.bottom <= window.innerHeight;
    })).toBe(true);
    await visit(page, 'apply-errors');
    await fillProposal(page, proposal('张伟'));
    await page.getByRole('button', { name: '提交报名' }).click();
    await page.getByText('报名已提交，等待管理办资格审查。').waitFor();
    await page.getByText('我的报名：').waitFor();
    await visit(page, 'challenge-applied');
  });

  it('employee applies with a member, who confirms in My work', async () => {
    const page = await pageAs('lina');
    await page.goto(`/challenges/${e2e.s.challenges.review}/apply`);
    await page.getByRole('heading', { name: '揭榜报名' }).waitFor();
    await page.getByLabel('团队成员').click();
    // Found by pinyin initials, as colleagues are looked up in Chinese offices (the server searches).
    await page.keyboard.type('wf');
    await page.locator('.ant-select-item-option', { hasText: '王芳' }).waitFor();
    await expect.poll(() => page.locator('.ant-select-item-option').filter({ visible: true }).count()).toBe(1);
    // Enter picks the active option: wait until the searched list has made 王芳 the active one, and
    // see the pick taken (a tag in the field), or the application goes in without her (CI saw it).
    await page.locator('.ant-select-item-option-active', { hasText: '王芳' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.ant-select-selection-item', { hasText: '王芳' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByText('王芳（wangfang · 数字化中心）').filter({ visible: true }).first().waitFor(); // department beside the name
    await fillProposal(page, proposal('李娜'));
    await visit(page, 'apply-with-member');
    await page.getByRole('button', { name: '提交报名' }).click();
    await page.getByText('报名已提交').waitFor();

    const member = await pageAs('wangfang');
    await member.goto('/me');
    await member.getByRole('heading', { name: '我的揭榜' }).waitFor();
    await member.getByRole('button', { name: '确认加入' }).waitFor();
    await visit(member, 'my-work-invited');
    await member.getByRole('button', { name: '确认加入' }).click();
    await member.getByText('已确认加入“设计文件智能校审”团队。').waitFor();
    await expect.poll(() => member.getByRole('button', { name: '确认加入' }).count()).toBe(0);
    const mine = await e2e.s.admin.get(`/applications?challengeId=${e2e.s.challenges.review}`);
    expect(mine.items[0].members[0]).toMatchObject({ name: '王芳', status: 'confirmed' });
  });

  it('saves a draft, then completes and submits it', async () => {
    const page = await pageAs('wangfang');
    await page.goto(`/challenges/${e2e.s.challenges.spare}/apply`);
    await page.getByRole('heading', { name: '揭榜报名' }).waitFor();
    const p = proposal('王芳');
    await page.getByLabel('方案摘要').fill(p.summary);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存，截止前记得提交。').waitFor();
    await page.getByRole('link', { name: '继续填写报名' }).click();
    await page.getByRole('heading', { name: '修改报名' }).waitFor();
    await expect.poll(() => page.getByLabel('方案摘要').inputValue()).toBe(p.summary);
    await page.getByLabel('技术路线与方法').fill(p.approach);
    await page.getByLabel('进度计划').fill(p.plan);
    await page.getByLabel('预期成果').fill(p.expectedResults);
    await visit(page, 'apply-draft-edit');
    await page.getByRole('button', { name: '提交报名' }).click();
    await page.getByText('报名已提交，等待管理办资格审查。').waitFor();
    await page.getByRole('link', { name: '修改我的报名' }).waitFor();
  });

  it('a second lead is refused with the rule in words', async () => {
    const first = await e2e.s.newChallenge('管线智能巡检');
    const second = await e2e.s.newChallenge('管线泄漏预警');
    const lead = await e2e.s.newPerson('wulei', '吴磊');
    await lead.api.post(`/challenges/${first}/applications`, { proposal: proposal('吴磊') });
    const page = await pageAs('wulei');
    await page.goto(`/challenges/${second}/apply`);
    await page.getByRole('heading', { name: '揭榜报名' }).waitFor();
    await fillProposal(page, proposal('吴磊'));
    await page.getByRole('button', { name: '提交报名' }).click();
    await page.getByRole('alert').filter({ hasText: '每人同时只能挂帅 1 个课题' }).waitFor();
    await visit(page, 'apply-limit');
  });

  it('an applicant withdraws from the challenge page', async () => {
    const zhao = await ApiClient.signIn(e2e.server.url, 'zhao', PASSWORD);
    await zhao.post(`/challenges/${e2e.s.challenges.supply}/applications`, { proposal: proposal('赵强') });
    const page = await pageAs('zhao');
    await page.goto(`/challenges/${e2e.s.challenges.supply}`);
    await page.getByRole('button', { name: '撤回报名' }).click();
    await page.getByLabel('撤回原因（可不填）').fill('时间冲突');
    await visit(page, 'withdraw-confirm');
    await page.getByRole('button', { name: '确认撤回' }).click();
    await page.getByText('报名已撤回。').waitFor();
    await page.getByRole('link', { name: '我要揭榜' }).waitFor();
    const mine = await zhao.get('/applications?mine=1');
    expect(mine.items[0].status).toBe('withdrawn');
  });

  it('organizer checks eligibility side by side, selects and awards', async () => {
    const id = await e2e.s.newChallenge('排水管网模型校核');
    const lead = await e2e.s.newPerson('zhoum', '周明');
    await lead.api.post(`/challenges/${id}/applications`, { proposal: proposal('周明') });
    const page = await pageAs('orga');
    await page.goto(`/console/challenges/${id}`);
    await page.getByRole('heading', { name: '排水管网模型校核' }).waitFor();
    await page.getByRole('button', { name: '截止报名' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await page.getByRole('region', { name: '周明 的报名' }).waitFor();
    await visit(page, 'console-eligibility');
    const card = page.getByRole('region', { name: '周明 的报名' });
    await card.getByRole('button', { name: '资格通过' }).click();
    await card.getByText('资格审查通过').waitFor();
    await page.getByRole('button', { name: '开始评选' }).click();
    await card.getByRole('button', { name: '选定', exact: true }).click();
    await card.getByText('已选定').waitFor();
    await page.getByRole('button', { name: '确认立项' }).click();
    await page.getByText('已立项').first().waitFor();
    await visit(page, 'console-awarded');
    const c = await e2e.s.organizer.get(`/challenges/${id}`);
    expect(c.status).toBe('awarded');
  });

  it('the board shows the result', async () => {
    const id = await e2e.s.newChallenge('雨污分流数字化');
    const lead = await e2e.s.newPerson('sunli', '孙丽');
    const app = await lead.api.post(`/challenges/${id}/applications`, { proposal: proposal('孙丽') });
    await e2e.s.award(id, app.id);
    const page = await pageAs('chen');
    await page.goto('/board?status=awarded');
    const card = page.locator('.challenge-card', { hasText: '雨污分流数字化' });
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('已立项');
    await visit(page, 'board-awarded');
    await card.getByRole('link').click();
    await page.getByRole('heading', { name: '雨污分流数字化', level: 1 }).waitFor();
    await page.getByText('报名已结束').waitFor();
    await visit(page, 'challenge-awarded');
  });

  it('my work shows the lead his selected application and what it waits for', async () => {
    const id = await e2e.s.newChallenge('供水调度优化');
    const lead = await e2e.s.newPerson('qianwei', '钱伟');
    const app = await lead.api.post(`/challenges/${id}/applications`, { proposal: proposal('钱伟') });
    await e2e.s.award(id, app.id);
    const page = await pageAs('qianwei');
    await page.goto('/me');
    await page.getByRole('cell', { name: /已选定/ }).waitFor();
    await page.getByText('等签订军令状、立项').waitFor();
    await visit(page, 'my-work');
  });
});
