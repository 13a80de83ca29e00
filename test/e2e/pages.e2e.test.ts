// The other pages: sponsor drafts a challenge and the organizer returns it with a comment;
// admin users and departments; the audit log for the supervisor; change password; 403 and 404.
import { describe, expect, it } from 'vitest';
import { e2eSession } from './support/session.ts';
import { PASSWORD } from './support/seed.ts';
import { animationsDone, pickDateTime, requireChromium, visit } from './support/browser.ts';
import { ApiClient } from './support/api.ts';

const canRun = requireChromium();


describe.skipIf(!canRun)('console, sponsor, admin and error pages', () => {
  const e2e = e2eSession();
  const { pageAs } = e2e;

  it('two board filter changes made in the same moment both land in the URL', async () => {
    const page = await pageAs('chen');
    await page.goto('/board');
    await page.getByRole('heading', { name: '榜单', level: 1 }).waitFor();
    await page.locator('.challenge-card').first().waitFor();
    // Both changes before React renders again: what a busy machine does to two quick clicks.
    await page.evaluate(() => {
      const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
      const change = (label: string, value: string) => {
        const id = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === label)!.htmlFor;
        const el = document.getElementById(id) as HTMLSelectElement;
        set.call(el, value);
        el.dispatchEvent(new Event('change', { bubbles: true }));
      };
      change('排序', 'deadline');
      change('类别', '管理');
    });
    await expect.poll(() => new URL(page.url()).search).toBe('?sort=deadline&category=%E7%AE%A1%E7%90%86');
  });

  it('the API docs render under the security headers, and every answer carries them', async () => {
    const page = await pageAs('zhang');
    const res = await page.goto('/api/docs/');
    const h = res!.headers();
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('same-origin');
    expect(h['strict-transport-security']).toBeUndefined(); // plain http on loopback
    await page.getByText('Jiebang API').first().waitFor();
    await page.getByText('/api/v1/challenges').first().waitFor();
  });

  it('sponsor drafts and submits a challenge; the organizer returns it with a comment', async () => {
    const page = await pageAs('spon');
    await page.goto('/sponsor');
    await page.getByRole('heading', { name: '发榜：本部门课题' }).waitFor();
    await page.getByRole('link', { name: '管网数字孪生平台建设' }).waitFor();
    await visit(page, 'sponsor');
    await page.getByRole('button', { name: '新建课题' }).click();
    await page.getByRole('heading', { name: '新建课题' }).waitFor();
    await page.getByLabel('揭榜活动').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByLabel('课题名称').fill('智慧工地安全监测');
    // The category is one of the campaign's managed list.
    await page.getByLabel('类别').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '技术' }).click();
    await page.getByLabel('课题背景').fill('工地安全依赖人工巡检。');
    await page.getByLabel('攻关目标').fill('实现关键风险自动预警。');
    await page.getByLabel('指标', { exact: true }).first().fill('预警准确率');
    await page.getByLabel('目标值', { exact: true }).first().fill('95');
    await page.getByLabel('预期成果').fill('监测平台一套');
    // A negative budget or a period out of range gets a message; the numbers are not changed.
    const budget = page.getByLabel('经费（万元）');
    const budgetBefore = await budget.inputValue();
    await budget.fill('-50');
    await page.getByLabel('周期（月）').fill('-3');
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await page.getByText('不能为负数').waitFor();
    await page.getByText('须在 1–120 之间').waitFor();
    expect(await budget.inputValue()).toBe('-50');
    await visit(page, 'challenge-editor-numbers');
    await budget.fill(budgetBefore || '50');
    await page.getByLabel('周期（月）').fill('12');
    await visit(page, 'challenge-editor');
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await page.getByText('课题已提交，等待管理办审核。').waitFor();

    const org = await pageAs('orga');
    await org.goto('/console');
    const row = org.getByRole('row', { name: /智慧工地安全监测/ });
    await row.getByRole('button', { name: '退回修改' }).click();
    await org.getByRole('dialog').waitFor();
    await visit(org, 'console-return-dialog');
    await org.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await org.getByText('请写明原因').waitFor();
    await org.getByLabel('意见或原因（必填）').fill('请补充考核指标的现状值。');
    await org.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await org.getByText('已退回修改').waitFor();

    await page.goto('/sponsor');
    await page.getByText('管理办意见：请补充考核指标的现状值。').waitFor();
    await visit(page, 'sponsor-returned');
  });

  it('organizer closes a challenge nobody took, marks it unclaimed (流榜), republishes it; cancels another', async () => {
    const org = await pageAs('orga');
    const inGroup = async (group: string, title: string) => {
      await org.goto('/console');
      await org.getByRole('tab', { name: group }).click();
      return org.getByRole('row', { name: new RegExp(title) });
    };
    const act = async (row: ReturnType<typeof org.getByRole>, button: string, fill?: [string, string]) => {
      await row.getByRole('button', { name: button }).click();
      const dialog = org.getByRole('dialog');
      await dialog.waitFor();
      await animationsDone(org);
      if (fill && /^\d{4}-\d\d-\d\dT/.test(fill[1])) await pickDateTime(dialog.getByLabel(fill[0]), fill[1]);
      else if (fill) await dialog.getByLabel(fill[0]).fill(fill[1]);
      await dialog.getByRole('button', { name: '确定' }).click();
      // The dialog closes when the server has answered (the toast that says so may be gone already on a busy machine).
      await dialog.waitFor({ state: 'hidden' });
    };

    await act(await inGroup('揭榜中', '三维协同设计标准化'), '截止报名');
    await act(await inGroup('评选中', '三维协同设计标准化'), '标记流榜');
    const unclaimed = await inGroup('流榜', '三维协同设计标准化');
    await unclaimed.waitFor();
    await visit(org, 'console-unclaimed');
    // The new deadline is asked for, in Beijing time, ten days from now.
    const later = new Date(Date.now() + 10 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
    await act(unclaimed, '重新发榜', ['新的报名截止时间（北京时间）', later]);
    await (await inGroup('揭榜中', '三维协同设计标准化')).waitFor();
    const republished = await e2e.s.organizer.get(`/challenges/${e2e.s.challenges.spare}`);
    expect(republished.status).toBe('published');
    expect(Math.abs(new Date(republished.deadline).getTime() - (Date.now() + 10 * 86_400_000))).toBeLessThan(5 * 60_000);

    await act(await inGroup('揭榜中', '供应链数字化协同'), '撤榜', ['意见或原因（必填）', '与年度重点课题重复']);
    await (await inGroup('已撤榜', '供应链数字化协同')).waitFor();
    expect((await e2e.s.organizer.get(`/challenges/${e2e.s.challenges.supply}`)).statusReason).toBe('与年度重点课题重复');
  });

  it('organizer creates a campaign with its rules', async () => {
    const page = await pageAs('orga');
    await page.goto('/console?tab=campaigns');
    await page.getByRole('button', { name: '新建活动' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('活动名称').fill('2027 年度揭榜挂帅');
    await pickDateTime(dialog.getByLabel('报名开始'), '2027-01-01T09:00');
    await pickDateTime(dialog.getByLabel('报名截止'), '2027-02-01T17:00');
    // The categories are the campaign's managed list: the usual four, and one more typed in.
    await dialog.getByLabel('课题类别').click();
    await dialog.getByLabel('课题类别').fill('科技创新');
    await dialog.getByLabel('课题类别').press('Enter');
    // The picker speaks Chinese (no "mm/dd/yyyy"): its panel names the months in Chinese.
    await dialog.getByLabel('报名截止').click();
    await page.locator('.ant-picker-dropdown:visible .ant-picker-month-btn').filter({ hasText: '2月' }).waitFor();
    await page.keyboard.press('Escape');
    await visit(page, 'console-campaign-form');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('cell', { name: /2027 年度揭榜挂帅/ }).waitFor();
    await visit(page, 'console-campaigns');
    const list = await e2e.s.organizer.get('/campaigns');
    const created = list.items.find((c: any) => c.name === '2027 年度揭榜挂帅');
    expect(created.applyFrom).toBe('2027-01-01T01:00:00.000Z');
    expect(created.settings.categories).toEqual(['业务数字化', '数字化业务', '管理', '技术', '科技创新']);
    // The board's category filter comes from the campaigns' lists.
    await page.goto('/board');
    await expect.poll(() => page.getByLabel('类别').locator('option').allInnerTexts()).toEqual(['全部类别', '业务数字化', '数字化业务', '管理', '技术', '科技创新']);
  });

  it('admin manages users and departments', async () => {
    const page = await pageAs('admin', 'e2e-admin-password');
    await page.goto('/admin');
    await page.getByRole('heading', { name: '系统管理' }).waitFor();
    await page.getByRole('cell', { name: '张伟', exact: true }).waitFor();
    await visit(page, 'admin-users');
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('账号').fill('liuyang');
    await dialog.getByLabel('姓名').fill('刘洋');
    await dialog.getByLabel(/初始密码/).fill('liuyang-pass-1');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('cell', { name: '刘洋', exact: true }).waitFor();
    const row = page.getByRole('row', { name: /刘洋/ });
    // Disabling asks first.
    await row.getByRole('button', { name: '停用' }).click();
    await page.getByText('停用 刘洋？').waitFor();
    await visit(page, 'admin-disable-confirm');
    await page.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
    await row.getByText('已停用').waitFor();
    // A person created without a password: the generated one is shown once, and signs in.
    await page.getByRole('button', { name: '新建用户' }).click();
    await dialog.getByLabel('账号').fill('zhoujie');
    await dialog.getByLabel('姓名').fill('周杰');
    await dialog.getByRole('button', { name: '保存' }).click();
    const oneTime = page.locator('.one-time-password').filter({ visible: true }).first();
    const noted = page.getByRole('button', { name: '已记下' }).filter({ visible: true }).first();
    const password = await oneTime.textContent();
    await visit(page, 'admin-password-once');
    await noted.click();
    await ApiClient.signIn(e2e.server.url, 'zhoujie', password!);
    // Reset: a new one, shown once; the old one no longer works.
    const zhou = page.getByRole('row', { name: /周杰/ });
    await zhou.getByRole('button', { name: '重置密码' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '重置密码' }).click();
    await expect.poll(() => oneTime.textContent()).not.toBe(password);
    await animationsDone(page);
    await noted.click();
    await expect(ApiClient.signIn(e2e.server.url, 'zhoujie', password!)).rejects.toThrow(/401/);
    await page.getByRole('columnheader', { name: '工号' }).waitFor();
    await page.getByRole('tab', { name: '部门' }).click();
    await page.getByRole('cell', { name: '数字化中心', exact: true }).first().waitFor();
    await visit(page, 'admin-departments');
  });

  it('the supervisor reads the audit log in business language: worded actions, object titles, operators found by pinyin', async () => {
    const page = await pageAs('jijian');
    await page.goto('/audit');
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    // Actions in words (no code), objects by their titles, operators by name.
    await page.getByRole('cell', { name: '课题 · 发布', exact: true }).first().waitFor();
    await page.getByRole('cell', { name: '用户 · 创建', exact: true }).first().waitFor();
    await page.getByRole('cell', { name: /^课题：供应链数字化协同$/ }).first().waitFor();
    await page.getByRole('cell', { name: /^王管理（orga）$/ }).first().waitFor();
    expect(await page.getByRole('cell', { name: /challenge\.publish|user\.create/ }).count()).toBe(0);
    await visit(page, 'audit');

    // The action is chosen from the actions the log holds, in words.
    await page.getByLabel('操作', { exact: true }).click();
    await page.getByLabel('操作', { exact: true }).fill('提交审核');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '课题 · 提交审核' }).click();
    // The operator is searched on the server by pinyin initials: "lfb" is 李发榜, who submitted the challenges.
    await page.getByLabel('操作人').click();
    await page.getByLabel('操作人').fill('lfb');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '李发榜' }).click();
    await page.getByRole('button', { name: '筛选' }).click();
    await expect.poll(() => page.url()).toContain('action=challenge.submit');
    expect(page.url()).toContain(`actorId=${e2e.s.users.spon.id}`);
    await expect.poll(() => page.getByRole('cell', { name: '课题 · 发布', exact: true }).count()).toBe(0);
    await page.getByRole('cell', { name: '课题 · 提交审核', exact: true }).first().waitFor();
    await visit(page, 'audit-filtered');
  });

  it('a person makes a read-only access token, sees it once, and revokes it for good', async () => {
    const page = await pageAs('zhao');
    await page.goto('/me/password');
    await page.getByRole('link', { name: /管理访问令牌/ }).click();
    await page.getByRole('heading', { name: '访问令牌', level: 1 }).waitFor();
    await page.getByLabel('用途').fill('周报导出脚本');
    await page.getByRole('button', { name: '创建令牌' }).click();
    await page.getByText('令牌“周报导出脚本”已创建').waitFor();
    const secret = (await page.locator('.secret').first().innerText()).trim();
    const asToken = (method: 'GET' | 'POST', path: string) =>
      fetch(`${e2e.server.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${secret}` } });
    expect((await asToken('GET', '/notifications')).status).toBe(200);
    expect((await asToken('POST', '/notifications/read-all')).status).toBe(403); // read only
    const row = page.getByRole('row', { name: /周报导出脚本/ });
    await row.getByText('只读（只能查询）').waitFor();
    await visit(page, 'tokens');
    await row.getByRole('button', { name: '吊销' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '吊销' }).click();
    await row.getByText('已吊销').waitFor();
    expect(await row.getByText('从未使用').count()).toBe(0); // its last use is shown
    expect((await asToken('GET', '/notifications')).status).toBe(401);
  });

  it('a person without the role sees a 403 that names it; an unknown page is a 404', async () => {
    const page = await pageAs('zhao');
    await page.goto('/console');
    await page.getByRole('heading', { name: /403/ }).waitFor();
    await page.getByText('此操作需要“管理办或系统管理员”角色。').waitFor();
    await visit(page, 'forbidden');
    await page.goto('/no-such-page');
    await page.getByRole('heading', { name: /404/ }).waitFor();
    await visit(page, 'not-found');
    // The nav shows only what the person may use.
    expect(await page.getByRole('link', { name: '管理办' }).count()).toBe(0);
  });

  it('changes the password', async () => {
    const page = await pageAs('zhao');
    await page.goto('/me/password');
    await page.getByLabel('当前密码').fill(PASSWORD);
    // A common password is refused in words, not in English.
    await page.getByLabel('新密码（至少 12 位）').fill('qwerty123456');
    await page.getByLabel('再次输入新密码').fill('qwerty123456');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('这是最常见的密码之一，请换一个').waitFor();
    await page.getByLabel('新密码（至少 12 位）').fill('zhao-new-pass-1');
    await page.getByLabel('再次输入新密码').fill('zhao-new-pass-2');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('两次输入的新密码不一致').waitFor();
    await page.getByLabel('再次输入新密码').fill('zhao-new-pass-1');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改').waitFor();
    await visit(page, 'password');
    await ApiClient.signIn(e2e.server.url, 'zhao', 'zhao-new-pass-1');
  });
});
