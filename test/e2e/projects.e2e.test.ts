// After the award, in the browser: the organizer names the signatories and the three sign the
// pledge with their passwords; anyone checks it on the public verification page; the lead submits
// a milestone and the sponsor accepts it (the tranche is released); a help request left
// unanswered escalates to the leaders (time passes through the server's own jobs, run on its
// database with a later clock) and is answered from the inbox; an overdue milestone turns the
// project red and its page says why; a mid-term review orders rectification, the re-check
// terminates, and the runner-up takes over with a pledge of their own.
// axe on every page visited; screenshots at 1440×900 and 390×844; English, elder + pinyin.
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/connect.ts';
import { runDueJobs } from '../../src/core/jobs.ts';
import '../../src/modules/index.ts';
import { monitorProjects } from '../../src/modules/projects/index.ts';
import { e2eSession } from './support/session.ts';
import { PASSWORD, proposal } from './support/seed.ts';
import type { Locator } from 'playwright-core';
import { pickDateTime, requireChromium, visit } from './support/browser.ts';

const canRun = requireChromium();
const DAY = 86_400_000;

/** Wait for a dialog to close; if it stays open, say what it and the page show (a field error, a refusal). */
async function closes(dialog: Locator) {
  await dialog.waitFor({ state: 'hidden' }).catch(async (e: Error) => {
    const page = dialog.page();
    const said = [await dialog.innerText().catch(() => ''), ...(await page.locator('[role=alert]').allInnerTexts())].join(' | ');
    throw new Error(`${e.message}\nThe dialog stayed open: ${said.replace(/\s+/g, ' ').slice(0, 800)}`);
  });
}

/**
 * Pick an option of an antd select and wait until the select shows it. On a loaded machine a click
 * can land while the list is still opening; the pick is then tried again (never more than three times).
 */
async function choose(scope: Locator, label: string, option: string) {
  const chosen = scope.locator('.ant-select', { hasText: option }).first();
  const open = scope.page().locator('.ant-select-dropdown:visible');
  for (let attempt = 1; ; attempt++) {
    if ((await open.count()) === 0) await scope.getByLabel(label).click();
    await open.locator('.ant-select-item-option').filter({ hasText: option }).click();
    try {
      await chosen.waitFor({ timeout: 5000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

describe.skipIf(!canRun)('projects after the award (军令状 and execution)', () => {
  const e2e = e2eSession();
  let db: Db | undefined;
  afterAll(async () => { await db?.destroy(); });

  it('goes from the award to a signed pledge, a milestone accepted, help escalated and answered, red health, rectification, termination and hand-over', { timeout: 240_000 }, async () => {
    const s = e2e.s;
    db = openDb(e2e.server.databaseUrl);
    const person = async (login: string, name: string, roles: string[]) => {
      const u = await s.admin.post('/users', { login, name, password: PASSWORD, roles: ['employee', ...roles], politicalStatus: 'party_member', birthYear: 1978 });
      return { id: u.id as string, login, name };
    };
    await person('dangwei', '党支部书记刘敏', ['party_branch']);
    await person('lingdao', '赵院长', ['leader']);
    const id = await s.newChallenge('供水管网漏损智能诊断');
    const lead = await s.newPerson('gaolin', '高林');
    const member = await s.newPerson('sunli', '孙丽');
    const second = await s.newPerson('fanghua', '方华');
    const app = await lead.api.post(`/challenges/${id}/applications`, { proposal: proposal('高林'), memberIds: [member.id] });
    await member.api.post(`/applications/${app.id}/members/me/confirm`);
    const runnerUp = await second.api.post(`/challenges/${id}/applications`, { proposal: proposal('方华') });
    await s.organizer.post(`/challenges/${id}/transitions`, { action: 'close' });
    for (const a of [app.id, runnerUp.id]) await s.organizer.post(`/applications/${a}/transitions`, { action: 'qualify' });
    await s.organizer.post(`/challenges/${id}/transitions`, { action: 'startReview' });
    await s.organizer.post(`/applications/${app.id}/transitions`, { action: 'select' });
    await s.organizer.post(`/challenges/${id}/transitions`, { action: 'award' });

    // The organizer finds the new project and names the party branch's representative.
    const org = await e2e.pageAs('orga');
    await org.goto('/projects');
    await org.getByRole('link', { name: '供水管网漏损智能诊断' }).click();
    await org.getByRole('heading', { name: '供水管网漏损智能诊断', level: 1 }).waitFor();
    const projectUrl = org.url();
    await org.getByRole('button', { name: '修改草稿' }).click();
    const editor = org.getByRole('dialog');
    await choose(editor, '党组织代表', '党支部书记刘敏');
    await visit(org, 'pledge-editor');
    await editor.getByRole('button', { name: '保存' }).click();
    await closes(editor);
    await org.getByText(/党组织代表：党支部书记刘敏/).waitFor();

    // Three signatures, each with the signatory's own password.
    for (const [login, name] of [['gaolin', 'lead'], ['spon', 'sponsor'], ['dangwei', 'party']] as const) {
      const page = await e2e.pageAs(login);
      await page.goto(projectUrl);
      await page.getByRole('button', { name: '签署军令状' }).click();
      const dialog = page.getByRole('dialog');
      if (name === 'lead') {
        await dialog.getByLabel('登录密码').fill('not-my-password');
        await dialog.getByRole('button', { name: '签署军令状' }).click();
        await dialog.getByText('当前密码不正确').waitFor();
        await visit(page, 'pledge-sign');
      }
      await dialog.getByLabel('登录密码').fill(PASSWORD);
      await dialog.getByRole('button', { name: '签署军令状' }).click();
      await closes(dialog);
    }
    await org.reload();
    await org.getByText('执行中').first().waitFor();
    await org.getByText('内容摘要（SHA-256）').first().waitFor();
    const hash = (await org.locator('.hash').first().textContent())!.trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    await visit(org, 'project-signed');

    // Anyone checks the printed pledge without signing in.
    const code = (await org.getByRole('link', { name: /^[A-Za-z0-9]{10,}$/ }).first().textContent())!.trim();
    const anonymous = await e2e.browser.newContext({ baseURL: e2e.server.url, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    e2e.contexts.push(anonymous);
    const reader = await anonymous.newPage();
    await reader.goto(`/verify/${code}`);
    await reader.getByText(/这是已生效的第 1 版军令状/).waitFor();
    await reader.getByLabel('纸质军令状上印的内容摘要').fill(hash);
    await reader.getByRole('button', { name: '比对' }).click();
    await reader.getByText('一致：纸质军令状与签署的版本相同。').waitFor();
    await visit(reader, 'pledge-verify');
    const pdf = await org.request.get(`/api/v1${new URL(projectUrl).pathname}/pledge.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // The lead submits the first milestone; the sponsor accepts it and its tranche is released.
    const leadPage = await e2e.pageAs('gaolin');
    await leadPage.goto(projectUrl);
    const milestones = leadPage.getByRole('region', { name: '里程碑' });
    await milestones.getByRole('button', { name: '提交成果' }).first().click();
    let dialog = leadPage.getByRole('dialog');
    await dialog.getByLabel('成果说明').fill('漏损诊断原型已在两个片区试运行。');
    await dialog.getByLabel(/链接/).fill('https://git.example.cn/leak/prototype');
    await dialog.locator('input[type=file]').setInputFiles({ name: '试运行报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 试运行报告') });
    await dialog.locator('.ant-upload-list-item-done', { hasText: '试运行报告.pdf' }).waitFor();
    await dialog.getByRole('button', { name: '确定' }).click();
    await closes(dialog);
    await milestones.getByText('已提交待验收').waitFor();
    const sponsorPage = await e2e.pageAs('spon');
    await sponsorPage.goto(projectUrl);
    const report = sponsorPage.getByRole('link', { name: '试运行报告.pdf' });
    expect((await sponsorPage.request.get(new URL(await report.getAttribute('href') ?? '', e2e.server.url).toString())).status()).toBe(200);
    await sponsorPage.getByRole('region', { name: '里程碑' }).getByRole('button', { name: '验收通过' }).click();
    await sponsorPage.getByRole('region', { name: '里程碑' }).getByText('已验收', { exact: true }).waitFor();
    await sponsorPage.getByText(/总额 50 万元，已拨付 15 万元/).waitFor();
    await visit(sponsorPage, 'project-milestone-accepted');

    // A help request to the party branch, unanswered for longer than the campaign allows: it escalates.
    await leadPage.reload();
    const help = leadPage.getByRole('region', { name: '求助（帮助与关怀）' });
    await help.getByRole('button', { name: '提出求助' }).click();
    dialog = leadPage.getByRole('dialog');
    await choose(dialog, '类别', '协调');
    await dialog.getByLabel('需要什么帮助').fill('需要协调水务公司开放两个片区的流量计数据。');
    await dialog.getByRole('button', { name: '确定' }).click();
    await closes(dialog);
    await help.getByText('待答复').waitFor();
    await runDueJobs(db, () => new Date(Date.now() + 6 * DAY));
    const leader = await e2e.pageAs('lingdao');
    await leader.goto('/help-requests');
    const request = leader.getByRole('region', { name: '供水管网漏损智能诊断' });
    await request.getByText('↑ 已升级').waitFor();
    await visit(leader, 'help-inbox');
    await request.getByRole('button', { name: '答复' }).click();
    dialog = leader.getByRole('dialog');
    await dialog.getByLabel('答复内容').fill('已请水务公司本周开放数据接口。');
    await dialog.getByRole('button', { name: '确定' }).click();
    await closes(dialog);
    await leadPage.reload();
    await help.getByText(/赵院长 答复于 .*：已请水务公司本周开放数据接口。（已解决）/).waitFor();

    // Months later the second milestone is 12 days overdue: red, and the page says why.
    const project = await s.organizer.get(`/projects/${new URL(projectUrl).pathname.split('/').pop()}`);
    const due = new Date(project.milestones[1].dueAt).getTime();
    // The server recomputes health after each change (a job): let those finish first, so that none of them
    // overwrites, with today's clock, what the monitor computes for the later day.
    await expect.poll(async () => Number((await db!.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'projects.health').where('status', 'in', ['queued', 'running']).executeTakeFirstOrThrow()).n), { timeout: 20_000 }).toBe(0);
    await monitorProjects(db, () => new Date(due + 12 * DAY + 3_600_000));
    await org.reload();
    await org.getByText('红（预警）').first().waitFor();
    await org.getByText(/里程碑 2“试点应用”逾期 12 天/).waitFor();
    await visit(org, 'project-red');

    // Mid-term review: rectify by a deadline; the re-check terminates; the runner-up takes over.
    const mid = org.getByRole('region', { name: '中期检查' });
    await mid.getByRole('button', { name: '发起中期检查' }).click();
    await mid.getByRole('button', { name: '作出检查结论' }).click();
    dialog = org.getByRole('dialog', { name: '作出检查结论' });
    await dialog.getByRole('radio', { name: '一般' }).check();
    await dialog.getByRole('radio', { name: '限期整改' }).check();
    await dialog.getByLabel('检查意见（必填）').fill('数据接入进度滞后。');
    await dialog.getByLabel('整改事项').fill('一个月内接入全部流量计\n补充漏损模型验证报告');
    await pickDateTime(dialog.getByLabel('整改期限'), new Date(Date.now() + 30 * DAY + 8 * 3_600_000).toISOString().slice(0, 16));
    await visit(org, 'midterm-decide');
    await dialog.getByRole('button', { name: '确定' }).click();
    await closes(dialog);
    await org.getByText('整改中').first().waitFor();
    await mid.getByText('补充漏损模型验证报告').waitFor();
    await mid.getByRole('button', { name: '发起整改复查' }).click();
    await mid.getByRole('button', { name: '作出检查结论' }).click();
    dialog = org.getByRole('dialog', { name: '作出检查结论' });
    await dialog.getByRole('radio', { name: '差' }).check();
    await dialog.getByRole('radio', { name: '终止项目' }).check();
    await dialog.getByLabel('检查意见（必填）').fill('整改未达要求，终止项目。');
    await dialog.getByRole('button', { name: '确定' }).click();
    await closes(dialog);
    await org.getByText('已终止').first().waitFor();
    await mid.getByRole('button', { name: '交由次优团队承接' }).click();
    await org.getByText('本项目承接自一个已终止的项目（查看原项目）').waitFor();
    await org.getByText('签署军令状', { exact: true }).first().waitFor();
    await org.getByText(/揭榜挂帅人：方华/).first().waitFor();
    await visit(org, 'project-handed-over');

    // The same page in English, and in elder mode with pinyin.
    await org.goto(projectUrl);
    await org.evaluate(() => { localStorage.setItem('jb.lang', 'en'); });
    await org.reload();
    await org.getByText('Terminated').first().waitFor();
    await visit(org, 'project-en');
    await leadPage.evaluate(() => { localStorage.setItem('jb.a11y', JSON.stringify({ elder: true, pinyin: true, trad: false, zoom: 100 })); });
    await leadPage.goto('/projects?mine=1');
    await leadPage.locator('h1 .jb-py').waitFor();
    await visit(leadPage, 'projects-mine-elder-pinyin');
  });

  it('records the ceremony on the campaign page and decides a race gate between two teams', { timeout: 180_000 }, async () => {
    const s = e2e.s;
    const party = await s.admin.post('/users', { login: 'dangwei2', name: '党委委员周红', password: PASSWORD, roles: ['employee', 'party_branch'], politicalStatus: 'party_member', birthYear: 1975 });
    const race = await s.sponsor.post('/challenges', {
      campaignId: s.campaignId, title: '泵站能耗优化（赛马）', category: '技术', sponsorDepartmentId: (await s.sponsor.get('/me')).user.departmentId,
      background: '泵站能耗高。', goals: '两支团队并行，比拼节能率。', deliverables: '优化模型',
      kpis: [{ name: '节能率', direction: 'higher', baseline: 0, target: 15, unit: '%', weight: 100 }],
      durationMonths: 12, budgetCents: 20_000_000, teamSizeMin: 1, teamSizeMax: 5, raceWinners: 2, tags: ['赛马'],
    });
    await s.sponsor.post(`/challenges/${race.id}/transitions`, { action: 'submit' });
    await s.organizer.post(`/challenges/${race.id}/transitions`, { action: 'publish' });
    const teams = [await s.newPerson('liuyi', '刘一'), await s.newPerson('chener', '陈二')];
    const apps = [];
    for (const p of teams) apps.push(await p.api.post(`/challenges/${race.id}/applications`, { proposal: proposal(p.name) }));
    await s.organizer.post(`/challenges/${race.id}/transitions`, { action: 'close' });
    for (const a of apps) await s.organizer.post(`/applications/${a.id}/transitions`, { action: 'qualify' });
    await s.organizer.post(`/challenges/${race.id}/transitions`, { action: 'startReview' });
    for (const a of apps) await s.organizer.post(`/applications/${a.id}/transitions`, { action: 'select' });
    await s.organizer.post(`/challenges/${race.id}/transitions`, { action: 'award' });
    const partyApi = await (await import('./support/api.ts')).ApiClient.signIn(e2e.server.url, 'dangwei2', PASSWORD);
    const projects = (await s.organizer.get(`/projects?challengeId=${race.id}`)).items as Array<{ id: string; lead: { id: string } }>;
    for (const [i, p] of teams.entries()) {
      const project = projects.find((x) => x.lead.id === p.id)!;
      await s.organizer.patch(`/projects/${project.id}/pledge`, { signatories: { sponsor: s.users.spon.id, party: party.id } });
      for (const api of [p.api, s.sponsor, partyApi]) await api.post(`/projects/${project.id}/pledge/sign`, { password: PASSWORD });
      await p.api.post(`/projects/${project.id}/reports`, { percentDone: 20 + i * 10, kpiValues: [i === 0 ? 9 : 4], done: '完成第一轮调优' });
    }

    // The ceremony, recorded by the organizer on the campaign's page: on site and by video, flags for both teams.
    const org = await e2e.pageAs('orga');
    await org.goto(`/campaigns/${s.campaignId}`);
    await org.getByText('还没有大会记录').waitFor();
    await org.getByRole('button', { name: '记录大会' }).click();
    const dialog = org.getByRole('dialog');
    await dialog.getByRole('radio', { name: '现场 + 视频' }).check();
    await dialog.getByLabel('地点').fill('院本部三楼报告厅');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('视频方式须填写会议链接').first().waitFor();
    await dialog.getByLabel('视频会议链接').fill('https://meeting.example.cn/jiebang');
    await dialog.getByLabel('誓词').fill('不负重托，攻坚克难，按期交账。');
    await dialog.getByLabel('现场人数').fill('86');
    await dialog.getByLabel('线上人数').fill('210');
    for (const box of await dialog.getByRole('checkbox', { name: /泵站能耗优化/ }).all()) await box.check();
    await visit(org, 'ceremony-editor');
    await dialog.getByRole('button', { name: '保存' }).click();
    await closes(dialog);
    const ceremony = org.getByRole('region', { name: '揭榜大会' });
    await ceremony.getByText('现场 86 人，线上 210 人').waitFor();
    await expect.poll(() => ceremony.getByText('⚑ 已授旗').count(), { timeout: 5000 }).toBe(2);
    await visit(org, 'campaign-ceremony');

    // The race: side by side on the same KPI; the second team is cut at the first gate.
    await org.goto(`/challenges/${race.id}/race`);
    await org.getByRole('heading', { name: '赛马对比' }).waitFor();
    await org.getByRole('row', { name: /刘一/ }).getByText('60%').first().waitFor();
    await visit(org, 'race-board');
    await org.getByRole('button', { name: '阶段评比' }).click();
    const gate = org.getByRole('dialog');
    await gate.getByLabel('评比名称').fill('第一阶段评比');
    await choose(gate, '结论 · 陈二', '淘汰');
    await gate.getByRole('button', { name: '确定' }).click();
    await closes(gate);
    await org.getByRole('row', { name: /陈二/ }).getByText('赛马淘汰').waitFor();
    await org.getByText(/陈二：淘汰/).waitFor();
    await org.evaluate(() => { localStorage.setItem('jb.lang', 'en'); });
    await org.reload();
    await org.getByRole('heading', { name: 'Race comparison' }).waitFor();
    await visit(org, 'race-board-en');
    await org.evaluate(() => { localStorage.setItem('jb.lang', 'zh-CN'); localStorage.setItem('jb.a11y', JSON.stringify({ elder: true, pinyin: true, trad: false, zoom: 100 })); });
    await org.goto(`/campaigns/${s.campaignId}`);
    await org.locator('h1 .jb-py').waitFor();
    await visit(org, 'campaign-elder-pinyin');
  });
});
