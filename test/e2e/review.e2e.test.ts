// A whole review round in the browser: the organizer adds experts to the pool, creates a round on
// a challenge under review, publishes the commitment and draws; an expert signs the declaration,
// scores, and sees the others' sheets after submitting; the organizer reads the ranking.
import { describe, expect, it } from 'vitest';
import { e2eSession } from './support/session.ts';
import { PASSWORD, proposal } from './support/seed.ts';
import { pickDateTime, requireChromium, visit } from './support/browser.ts';
import { ApiClient } from './support/api.ts';

const canRun = requireChromium();


describe.skipIf(!canRun)('expert review', () => {
  const e2e = e2eSession();
  const { pageAs } = e2e;

  it('organizer runs a round, experts declare and score, the ranking shows the order and how sure it is', async () => {
    const s = e2e.s;
    const id = await s.newChallenge('地下管线智能识别');
    const leads = [await s.newPerson('lead-a', '欧阳明'), await s.newPerson('lead-b', '司马静')];
    const apps = [];
    for (const l of leads) apps.push(await l.api.post(`/challenges/${id}/applications`, { proposal: proposal(l.name) }));
    await s.organizer.post(`/challenges/${id}/transitions`, { action: 'close' });
    for (const a of apps) await s.organizer.post(`/applications/${a.id}/transitions`, { action: 'qualify' });
    await s.organizer.post(`/challenges/${id}/transitions`, { action: 'startReview' });
    // Three experts from a department none of the teams belongs to.
    const dept = await s.admin.post('/departments', { name: '外聘专家' });
    const experts: ApiClient[] = [];
    for (const [login, name] of [['exp-a', '钱专家'], ['exp-b', '冯专家'], ['exp-c', '蒋专家']]) {
      const u = await s.admin.post('/users', { login, name, password: PASSWORD, roles: ['employee', 'expert'], departmentId: dept.id, politicalStatus: 'none', birthYear: 1970 });
      experts.push(await ApiClient.signIn(e2e.server.url, login, PASSWORD));
      if (login !== 'exp-c') await s.organizer.call('PUT', `/experts/${u.id}`, { fields: ['管线'], title: '教授级高工' });
    }

    // The organizer adds the third expert through the pool tab.
    const org = await pageAs('orga');
    await org.goto('/console?tab=experts');
    await org.getByRole('button', { name: '加入专家库' }).click();
    const dialog = org.getByRole('dialog');
    await dialog.getByLabel('人员').click();
    await dialog.getByLabel('人员').fill('jzj');
    await org.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '蒋专家' }).click();
    await dialog.getByLabel('专业领域').click();
    await dialog.getByLabel('专业领域').fill('管线');
    await dialog.getByLabel('专业领域').press('Enter');
    await visit(org, 'expert-pool-add');
    await dialog.getByRole('button', { name: '保存' }).click();
    await org.getByRole('cell', { name: '蒋专家' }).waitFor();
    await visit(org, 'expert-pool');

    // A round on the challenge: create, publish the commitment, draw.
    await org.goto(`/console/challenges/${id}`);
    await org.getByRole('button', { name: '新建评审轮次' }).click();
    await org.getByRole('dialog').getByLabel('专家领域').click();
    await org.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '管线' }).click();
    await org.keyboard.press('Escape');
    await visit(org, 'review-round-new');
    await org.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await org.getByRole('heading', { name: '「地下管线智能识别」专家评审', level: 1 }).waitFor();
    // Before the commitment: who steps aside from what (none here), and how many candidates each keeps.
    await org.getByRole('heading', { name: '回避情况' }).waitFor();
    await org.getByRole('row').filter({ hasText: '欧阳明' }).getByRole('cell', { name: '3', exact: true }).waitFor();
    await visit(org, 'review-round-conflicts');
    await org.getByRole('button', { name: '发布抽签承诺' }).click();
    await org.getByText('已发布承诺').waitFor();
    const seedHash = (await org.locator('.hashes dd').nth(1).innerText()).trim();
    expect(seedHash).toMatch(/^[0-9a-f]{64}$/);
    await org.getByRole('button', { name: '抽签' }).click();
    await org.getByText('评分中').first().waitFor();
    await org.getByRole('heading', { name: '评审进度' }).waitFor();
    await visit(org, 'review-round-drawn');
    const roundUrl = org.url();

    // The first expert: nothing shown before the declaration; then scores, submits, sees the others.
    const exp = await pageAs('exp-a');
    await exp.goto('/review');
    await exp.getByRole('region', { name: '评审承诺书' }).waitFor();
    expect(await exp.getByText('方案').count()).toBe(0);
    await visit(exp, 'review-declaration');
    await exp.getByRole('button', { name: '我已阅读并承诺遵守' }).click();
    const sheet = exp.getByRole('region', { name: '对欧阳明的报名评分' });
    await sheet.waitFor();
    // Submitting empty: the first missing score comes into view, in Chinese.
    await sheet.getByRole('button', { name: '提交评分' }).click();
    await sheet.getByText('此项必填').first().waitFor();
    for (const label of ['技术方案', '研发能力', '基础条件', '团队', '进度安排']) {
      await sheet.getByLabel(new RegExp(`^${label}（`)).fill('8');
    }
    await sheet.getByText('加权总分：80.0').waitFor();
    await visit(exp, 'review-sheet');
    await sheet.getByRole('button', { name: '提交评分' }).click();
    await exp.getByText('评分已提交').first().waitFor();
    await sheet.getByText('已提交（锁定）').waitFor();
    await sheet.getByRole('table', { name: '各位专家的评分（提交后可见）' }).waitFor();

    // The other two score by API (the same workspace), one lower for the second application.
    for (const e of experts.slice(1)) {
      const tasks = (await e.get('/review/tasks')).rounds[0];
      await e.post(`/review/rounds/${tasks.id}/declaration`);
      for (const task of tasks.tasks) {
        const v = task.applicationId === apps[0].id ? 7 : 6;
        await e.call('PUT', `/review/assignments/${task.assignmentId}/sheet`, { scores: { plan: v, capability: v, conditions: v, team: v, schedule: v }, comment: '意见', submit: true });
      }
    }
    // exp-a scores the other application (every expert of three is drawn for both).
    const mine = (await experts[0].get('/review/tasks')).rounds[0];
    for (const task of mine.tasks.filter((x: any) => !x.sheet)) {
      await experts[0].call('PUT', `/review/assignments/${task.assignmentId}/sheet`, { scores: { plan: 6, capability: 6, conditions: 6, team: 6, schedule: 6 }, comment: '意见', submit: true });
    }

    await org.goto(roundUrl);
    await org.getByRole('heading', { name: '排名' }).waitFor();
    const first = org.getByRole('row').filter({ hasText: '欧阳明' });
    await first.getByRole('cell', { name: '1', exact: true }).waitFor();
    await first.getByRole('cell', { name: /^73\.33 ±/ }).waitFor(); // (80 + 70 + 70) / 3
    await visit(org, 'review-ranking');
    await org.getByRole('button', { name: '结束评审' }).click();
    await org.getByText('已结束').first().waitFor();

    // A pitch session can follow (here for both teams), on site and by video.
    await org.getByRole('button', { name: '安排答辩' }).click();
    const pitch = org.getByRole('dialog');
    await pitch.getByLabel(/欧阳明/).check();
    await pitch.getByLabel(/司马静/).check();
    await pickDateTime(pitch.getByLabel('答辩时间（北京时间）'), new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16));
    await pitch.getByLabel('地点').fill('三楼报告厅');
    await pitch.getByLabel('视频会议链接').fill('https://meet.example.com/pitch-42');
    await visit(org, 'pitch-schedule');
    await pitch.getByRole('button', { name: '保存' }).click();
    await org.getByRole('heading', { name: /· 答辩$/, level: 1 }).waitFor();
    await org.getByText(/现场 \+ 视频 · 三楼报告厅/).waitFor();
    await visit(org, 'pitch-round');

    // The decision: the organizer proposes the top-ranked lead; a leader approves it.
    await s.admin.post('/users', { login: 'lingdao', name: '赵领导', password: PASSWORD, roles: ['employee', 'leader'], departmentId: dept.id, politicalStatus: 'party_member', birthYear: 1968 });
    await org.goto(`/console/challenges/${id}`);
    const decision = org.getByRole('region', { name: '评选决定' });
    // The ranking's top comes ticked.
    await expect.poll(() => decision.getByLabel('挂帅人：欧阳明').isChecked(), { timeout: 20_000 }).toBe(true);
    expect(await decision.getByLabel('挂帅人：司马静').isChecked()).toBe(false);
    await visit(org, 'decision-propose');
    await decision.getByRole('button', { name: '提交审批' }).click();
    await decision.getByText('待审批').waitFor();
    const leader = await pageAs('lingdao');
    await leader.goto('/approvals');
    const item = leader.getByRole('region', { name: '地下管线智能识别' });
    await item.getByText('与评审排名一致。').waitFor();
    await visit(leader, 'approvals');
    await item.getByRole('button', { name: '批准' }).click();
    await leader.getByText('没有待审批的评选决定。').waitFor();
    await org.reload();
    await org.getByRole('region', { name: '评选决定' }).getByText('已批准', { exact: true }).waitFor();

    // A lead names an expert to avoid, with a reason (at most 3).
    const leadPage = await pageAs('lead-b');
    await leadPage.goto(`/challenges/${id}`);
    await leadPage.getByRole('button', { name: /申请回避一位专家（还可 3 位）/ }).click();
    const pick = leadPage.locator('#avoid-expert');
    await pick.locator('option', { hasText: '蒋专家' }).waitFor({ state: 'attached' });
    await pick.selectOption({ label: await pick.locator('option', { hasText: '蒋专家' }).innerText() });
    await leadPage.getByLabel('理由').fill('近三年有合作项目');
    await visit(leadPage, 'avoid-expert');
    await leadPage.getByRole('button', { name: '提交', exact: true }).click();
    await leadPage.getByText('蒋专家：近三年有合作项目').waitFor();
    await leadPage.getByRole('button', { name: /还可 2 位/ }).waitFor();

    // Selected and awarded (this campaign has no notice period): the challenge names the lead with the review's score.
    await s.organizer.post(`/applications/${apps[0].id}/transitions`, { action: 'select' });
    await s.organizer.post(`/challenges/${id}/transitions`, { action: 'award' });
    const colleague = await pageAs('zhao');
    await colleague.goto(`/challenges/${id}`);
    await colleague.getByText(/欧阳明，专家评审 73\.33 分（共 2 份报名中第 1 名，3 位专家评分）/).waitFor();
    await visit(colleague, 'awarded-with-score');

    // The new pages in English, and in elder mode with pinyin: worded, readable, axe clean.
    await org.goto(roundUrl);
    await org.evaluate(() => { localStorage.setItem('jb.lang', 'en'); });
    await org.reload();
    await org.getByRole('heading', { name: 'Ranking' }).waitFor();
    await visit(org, 'review-ranking-en');
    await exp.evaluate(() => { localStorage.setItem('jb.a11y', JSON.stringify({ elder: true, pinyin: true, trad: false, zoom: 100 })); });
    await exp.goto('/review');
    // In pinyin mode each character carries its reading (<ruby>), so wait for the annotation itself.
    await exp.locator('h1 .jb-py').waitFor();
    await exp.locator('.review-round .jb-py').first().waitFor();
    await visit(exp, 'review-sheet-elder-pinyin');
  });
});
