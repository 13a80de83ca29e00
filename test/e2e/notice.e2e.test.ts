// 公示 from both sides: the organizer starts the notice and sees until when it runs and that the
// award follows by itself; a colleague sees who was chosen, the team, the period and whom to tell.
// axe on every page visited; screenshots at 1440×900 and 390×844.
import { describe, expect, it } from 'vitest';
import { e2eSession } from './support/session.ts';
import { proposal } from './support/seed.ts';
import { requireChromium, SCREENSHOTS, visit } from './support/browser.ts';

const canRun = requireChromium();

describe.skipIf(!canRun)('the public notice (公示)', () => {
  const e2e = e2eSession();

  it('the organizer starts it and sees when it ends; a colleague sees who, which team, until when, whom to tell', async () => {
    const s = e2e.s;
    await s.organizer.patch(`/campaigns/${s.campaignId}`, { settings: { noticeDays: 5, reviewRequired: false, maxActiveLeads: 1, maxMemberships: 3 } });
    const id = await s.newChallenge('燃气管网泄漏监测');
    const lead = await s.newPerson('hejun', '何军');
    const member = await s.newPerson('luoyan', '罗艳');
    const app = await lead.api.post(`/challenges/${id}/applications`, { proposal: proposal('何军'), memberIds: [member.id] });
    await member.api.post(`/applications/${app.id}/members/me/confirm`);
    await s.organizer.post(`/challenges/${id}/transitions`, { action: 'close' });
    await s.organizer.post(`/applications/${app.id}/transitions`, { action: 'qualify' });
    await s.organizer.post(`/challenges/${id}/transitions`, { action: 'startReview' });
    await s.organizer.post(`/applications/${app.id}/transitions`, { action: 'select' });

    const organizer = await e2e.pageAs('orga');
    await organizer.goto(`/console/challenges/${id}`);
    await organizer.getByRole('heading', { name: '燃气管网泄漏监测' }).waitFor();
    await organizer.getByRole('button', { name: '开始公示' }).click();
    await organizer.getByText(/公示进行中，至 .* 结束；期满无异议将自动确认立项/).waitFor();
    await visit(organizer, 'console-notice');

    const colleague = await e2e.pageAs('chen');
    await colleague.goto(`/challenges/${id}`);
    const notice = colleague.getByRole('region', { name: '公示' });
    await notice.waitFor();
    await notice.getByText(/公示期至 .*（北京时间）/).waitFor();
    await notice.getByText('何军').waitFor();
    await notice.getByText(/团队：罗艳/).waitFor();
    await notice.getByText(/对公示结果有异议，请在公示期内联系/).waitFor();
    await visit(colleague, 'challenge-notice');
    // Printed for the notice board: the notice and the challenge, without the site's frame.
    await colleague.emulateMedia({ media: 'print' });
    expect(await colleague.locator('.site-header').isVisible()).toBe(false);
    expect(await colleague.locator('.a11y-bar').isVisible()).toBe(false);
    expect(await notice.getByRole('button', { name: '打印公示' }).isVisible()).toBe(false);
    await notice.getByText('何军').waitFor();
    await colleague.getByRole('heading', { name: '燃气管网泄漏监测', level: 1 }).waitFor();
    await colleague.screenshot({ path: `${SCREENSHOTS}challenge-notice-print.png`, fullPage: true });
    await colleague.emulateMedia({ media: 'screen' });

    // An objection, in the colleague's name; the organizer answers it in writing and the notice goes on.
    await notice.getByRole('button', { name: '对公示结果提出异议' }).click();
    await notice.getByRole('button', { name: '提交异议' }).click();
    await notice.getByText('请写明异议的内容和理由').waitFor();
    await notice.getByLabel('异议内容和理由').fill('挂帅人的项目业绩与申报材料不符');
    await visit(colleague, 'objection-form');
    await notice.getByRole('button', { name: '提交异议' }).click();
    await notice.getByText('异议已提交，管理办会书面答复。').waitFor();
    await notice.getByText(/提出的异议正在处理/).waitFor();

    await organizer.reload();
    const objections = organizer.getByRole('region', { name: '异议', exact: true });
    await objections.getByText('挂帅人的项目业绩与申报材料不符').waitFor();
    await objections.getByText('陈静').waitFor();
    await objections.getByRole('button', { name: '异议不成立' }).click();
    const dialog = organizer.getByRole('dialog');
    await dialog.getByLabel('书面答复（必填）').fill('经核实，业绩属实');
    await visit(organizer, 'objection-answer');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await objections.getByText('不成立').waitFor();
    await colleague.reload();
    await colleague.getByText(/提出的异议未被采纳：经核实，业绩属实/).waitFor();
  });
});
