// From the award to execution, through the API on a real database: the project and its draft
// pledge appear at the award; three signatories sign with their passwords and the pledge freezes
// (hash in the audit chain, verifiable without signing in, printable as a PDF); milestones are
// submitted and accepted (tranche released); reports, help requests (escalated when unanswered),
// health, mid-term review with rectification, termination and the runner-up taking over.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testClock, type TestApp } from '../../../test/support/app.ts';
import { makeDepartment, makeUser, type TestUser } from '../../../test/support/factories.ts';
import { runDueJobs } from '../../core/jobs.ts';
import { makeCampaign, makeChallenge, proposal } from '../applications/test-helpers.ts';
import { monitorProjects } from './monitor.ts';

let t: TestApp;
let organizer: TestUser, leader: TestUser, party: TestUser, supervisor: TestUser;
const DAY = 86_400_000;
const PASSWORD = 'correct horse battery staple 9';

beforeAll(async () => {
  t = await testApp({ clock: testClock('2026-06-01T02:00:00.000Z') });
  organizer = await makeUser(t.db, { roles: ['organizer', 'employee'], password: PASSWORD });
  leader = await makeUser(t.db, { roles: ['leader', 'employee'], password: PASSWORD });
  party = await makeUser(t.db, { roles: ['party_branch', 'employee'], name: '党支部书记', password: PASSWORD });
  supervisor = await makeUser(t.db, { roles: ['supervisor', 'employee'] });
});

type Who = { auth: Record<string, string> };
const call = (who: Who | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who?.auth ?? {}, ...(payload ? { payload } : {}) });
const ok = async (res: Promise<{ statusCode: number; json: () => any; body: string }>, status = 200) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};
const count = async (table: 'pledges' | 'pledge_signatures' | 'audit_events' | 'milestones' | 'spending' | 'help_requests') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** An awarded challenge: a project for `lead` (with a member), a qualified runner-up, a sponsor. */
async function awarded(opts: { budgetCents?: number; settings?: Record<string, unknown> } = {}) {
  t.clock.set('2026-06-01T02:00:00.000Z'); // inside the application window, whatever the test before did
  const dept = await makeDepartment(t.db);
  const sponsor = await makeUser(t.db, { roles: ['sponsor', 'employee'], departmentId: dept.id, password: PASSWORD });
  const campaign = await makeCampaign(t.db, { settings: { noticeDays: 0, ...opts.settings } });
  const kpis = JSON.stringify([
    { name: '出图比例', direction: 'higher', baseline: 10, target: 80, unit: '%', weight: 60 },
    { name: '闭环时长', direction: 'lower', baseline: 72, target: 24, unit: '小时', weight: 40 },
  ]);
  const c = await makeChallenge(t.db, campaign.id, dept.id, { budget_cents: opts.budgetCents ?? 30_000_000, duration_months: 12, kpis, created_by: sponsor.id });
  const lead = await makeUser(t.db, { departmentId: dept.id, name: '林挂帅', password: PASSWORD });
  const member = await makeUser(t.db, { departmentId: dept.id, name: '周成员' });
  const runnerUp = await makeUser(t.db, { departmentId: dept.id, name: '次优揭榜人', password: PASSWORD });
  // The team commits to its own targets on the challenge's KPIs; they become the pledge's.
  const app = await ok(call(lead, 'POST', `/challenges/${c.id}/applications`, { proposal: { ...proposal(), kpiTargets: [85, 20] }, memberIds: [member.id] }), 201);
  await ok(call(member, 'POST', `/applications/${app.id}/members/me/confirm`));
  const second = await ok(call(runnerUp, 'POST', `/challenges/${c.id}/applications`, { proposal: proposal('次优方案') }), 201);
  for (const [url, action] of [
    [`/challenges/${c.id}/transitions`, 'close'], [`/applications/${app.id}/transitions`, 'qualify'], [`/applications/${second.id}/transitions`, 'qualify'],
    [`/challenges/${c.id}/transitions`, 'startReview'], [`/applications/${app.id}/transitions`, 'select'], [`/challenges/${c.id}/transitions`, 'award'],
  ] as const) await ok(call(organizer, 'POST', url, { action }));
  const list = await ok(call(lead, 'GET', `/projects?mine=true`));
  const project = list.items.find((p: any) => p.challengeId === c.id);
  return { dept, sponsor, campaign, challenge: c, lead, member, runnerUp, app, second, projectId: project.id as string };
}

/** Name the party representative and have all three sign: the project starts. */
async function signed(x: Awaited<ReturnType<typeof awarded>>) {
  await ok(call(organizer, 'PATCH', `/projects/${x.projectId}/pledge`, { signatories: { sponsor: x.sponsor.id, party: party.id } }));
  for (const who of [x.lead, x.sponsor, party]) await ok(call(who, 'POST', `/projects/${x.projectId}/pledge/sign`, { password: PASSWORD }));
  return ok(call(organizer, 'GET', `/projects/${x.projectId}`));
}

describe('the pledge (军令状)', () => {
  it('is drafted at the award from the challenge, signed by three with their passwords, then frozen and verifiable', async () => {
    const x = await awarded();
    const draft = await ok(call(x.lead, 'GET', `/projects/${x.projectId}`));
    expect(draft).toMatchObject({ status: 'pledging', lead: { name: '林挂帅' }, budgetCents: 30_000_000 });
    expect(draft.pledge).toMatchObject({ version: 1, status: 'draft', hash: null, verifyCode: null });
    expect(draft.pledge.content.kpis.map((k: any) => [k.name, k.baseline, k.target])).toEqual([['出图比例', 10, 85], ['闭环时长', 72, 20]]);
    expect(draft.pledge.content.team).toEqual([{ id: x.member.id, name: '周成员' }]);
    expect(draft.pledge.content.milestones.map((m: any) => [m.weight, m.trancheCents])).toEqual([[30, 9_000_000], [30, 9_000_000], [40, 12_000_000]]);
    expect(draft.pledge.signatories.map((s: any) => [s.role, s.userId])).toEqual([['lead', x.lead.id], ['sponsor', x.sponsor.id], ['party', null]]);
    // The lead leads a project now: another application is refused by the one-active-lead rule.
    const other = await makeChallenge(t.db, x.campaign.id, x.dept.id);
    const refused = await call(x.lead, 'POST', `/challenges/${other.id}/applications`, { proposal: proposal() });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().rule).toBe('maxActiveLeads');

    // Without the party's representative nobody signs; a wrong password signs nothing.
    expect((await call(x.lead, 'POST', `/projects/${x.projectId}/pledge/sign`, { password: PASSWORD })).json().rule).toBe('signatories_missing');
    await ok(call(x.lead, 'PATCH', `/projects/${x.projectId}/pledge`, { signatories: { sponsor: x.sponsor.id, party: party.id } }));
    const wrong = await call(x.lead, 'POST', `/projects/${x.projectId}/pledge/sign`, { password: 'not my password at all' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ path: 'body.password', message: 'is not your password', code: 'password_wrong' }]);
    await ok(call(x.lead, 'POST', `/projects/${x.projectId}/pledge/sign`, { password: PASSWORD }));
    // Signing twice, or by someone who is no signatory, is refused.
    expect((await call(x.lead, 'POST', `/projects/${x.projectId}/pledge/sign`, { password: PASSWORD })).statusCode).toBe(403);
    expect((await call(x.member, 'POST', `/projects/${x.projectId}/pledge/sign`, { password: PASSWORD })).statusCode).toBe(403);
    // An edit withdraws the signature given: the lead signed other words.
    await ok(call(organizer, 'PATCH', `/projects/${x.projectId}/pledge`, { penalties: '未按期完成的，暂停拨付后续经费。' }));
    expect((await ok(call(x.lead, 'GET', `/projects/${x.projectId}`))).myRolesToSign).toEqual(['lead']);
    for (const who of [x.lead, x.sponsor, party]) await ok(call(who, 'POST', `/projects/${x.projectId}/pledge/sign`, { password: PASSWORD }));

    const p = await ok(call(x.member, 'GET', `/projects/${x.projectId}`));
    expect(p.status).toBe('executing');
    expect(p.pledge).toMatchObject({ version: 1, status: 'signed' });
    expect(p.pledge.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.pledge.signatories.every((s: any) => s.signedAt)).toBe(true);
    expect(p.milestones.map((m: any) => m.status)).toEqual(['not_started', 'not_started', 'not_started']);
    const sealed = await t.db.selectFrom('audit_events').select('after').where('entity_id', '=', x.projectId).where('action', '=', 'pledge.signed').executeTakeFirstOrThrow();
    expect(JSON.parse(sealed.after!)).toMatchObject({ version: 1, hash: p.pledge.hash });
    // A signed pledge is not edited: only amended.
    expect((await call(organizer, 'PATCH', `/projects/${x.projectId}/pledge`, { goals: '改' })).json().rule).toBe('no_draft');

    // Anyone, without signing in, checks a printed pledge against the signed version.
    const v = await ok(call(null, 'GET', `/verify/${p.pledge.verifyCode}?hash=${p.pledge.hash}`));
    expect(v).toMatchObject({ title: p.title, version: 1, hash: p.pledge.hash, matches: true, superseded: false });
    expect(v.signatories.map((s: any) => s.name)).toEqual(['林挂帅', x.sponsor.name, '党支部书记']);
    expect((await ok(call(null, 'GET', `/verify/${p.pledge.verifyCode}?hash=${'0'.repeat(64)}`))).matches).toBe(false);
    expect((await call(null, 'GET', '/verify/nosuchcode123')).statusCode).toBe(404);
  });

  it('prints as a PDF whose text is the pledge in Chinese, with the hash and the verification code', async () => {
    const x = await awarded();
    const p = await signed(x);
    const res = await call(x.lead, 'GET', `/projects/${x.projectId}/pledge.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'pledge-'));
    writeFileSync(join(dir, 'p.pdf'), res.rawPayload);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'p.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const words of ['揭榜挂帅军令状', p.title, '出图比例', '越低越好', '容错免责', '林挂帅', '周成员', '党支部书记', '发榜方代表', p.pledge.hash, p.pledge.verifyCode]) {
      expect(text, words).toContain(words.replace(/\s+/g, ''));
    }
  });

  it('takes committed KPI targets in a proposal only one per KPI and on the right side of the baseline', async () => {
    t.clock.set('2026-06-01T02:00:00.000Z');
    const dept = await makeDepartment(t.db);
    const campaign = await makeCampaign(t.db);
    const kpis = JSON.stringify([
      { name: '出图比例', direction: 'higher', baseline: 10, target: 80, unit: '%', weight: 60 },
      { name: '闭环时长', direction: 'lower', baseline: 72, target: 24, unit: '小时', weight: 40 },
    ]);
    const c = await makeChallenge(t.db, campaign.id, dept.id, { kpis });
    const lead = await makeUser(t.db, { departmentId: dept.id });
    const count = await call(lead, 'POST', `/challenges/${c.id}/applications`, { proposal: { ...proposal(), kpiTargets: [90] } });
    expect(count.json().errors).toEqual([expect.objectContaining({ path: 'body.proposal.kpiTargets', code: 'kpi_values_count' })]);
    const side = await call(lead, 'POST', `/challenges/${c.id}/applications`, { proposal: { ...proposal(), kpiTargets: [5, 100] } });
    expect(side.json().errors.map((e: any) => [e.path, e.code])).toEqual([['body.proposal.kpiTargets.0', 'kpi_target_not_above'], ['body.proposal.kpiTargets.1', 'kpi_target_not_below']]);
    const fine = await call(lead, 'POST', `/challenges/${c.id}/applications`, { proposal: { ...proposal(), kpiTargets: [null, 12] } });
    expect(fine.statusCode).toBe(201);
    expect(fine.json().proposal.kpiTargets).toEqual([null, 12]);
  });

  it('refuses milestones outside the period, weights not adding up and tranches above the budget, writing nothing', async () => {
    const x = await awarded({ budgetCents: 1_000_000 });
    const draft = (await ok(call(x.lead, 'GET', `/projects/${x.projectId}`))).pledge;
    const before = [await count('audit_events'), draft.content.milestones];
    const res = await call(x.lead, 'PATCH', `/projects/${x.projectId}/pledge`, {
      milestones: [
        { title: '原型', dueAt: '2030-01-01T00:00:00.000Z', deliverable: '原型', weight: 50, trancheCents: 800_000 },
        { title: '交付', dueAt: '2026-09-01T00:00:00.000Z', deliverable: '平台', weight: 40, trancheCents: 800_000 },
      ],
      kpis: [{ name: '效率', direction: 'higher', baseline: 50, target: 10, unit: '%', weight: 100 }],
      signatories: { sponsor: x.member.id, party: null },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: any) => [e.path, e.code])).toEqual([
      ['body.kpis.0.target', 'kpi_target_not_above'], ['body.milestones.0.dueAt', 'milestone_outside_period'],
      ['body.milestones', 'milestone_weights_sum'], ['body.milestones', 'tranches_over_budget'], ['body.signatories.sponsor', 'signatory_role'],
    ]);
    const after = (await ok(call(x.lead, 'GET', `/projects/${x.projectId}`))).pledge;
    expect([await count('audit_events'), after.content.milestones]).toEqual(before);
    // Nobody else shapes the pledge.
    expect((await call(x.member, 'PATCH', `/projects/${x.projectId}/pledge`, { goals: '改' })).statusCode).toBe(403);
  });

  it('is amended as a new version with a reason, approved, signed again; the old version stays readable with what changed', async () => {
    const x = await awarded();
    const v1 = (await signed(x)).pledge;
    await ok(call(x.lead, 'POST', `/projects/${x.projectId}/pledge/amendments`, { reason: '试点单位调整，第二个里程碑顺延' }));
    const milestones = v1.content.milestones.map((m: any, i: number) => (i === 1 ? { ...m, dueAt: new Date(new Date(m.dueAt).getTime() + 30 * DAY).toISOString() } : m));
    await ok(call(x.lead, 'PATCH', `/projects/${x.projectId}/pledge`, { milestones }));
    expect((await call(x.lead, 'POST', `/projects/${x.projectId}/pledge/sign`, { password: PASSWORD })).json().rule).toBe('amendment_not_approved');
    expect((await call(x.lead, 'POST', `/projects/${x.projectId}/pledge/approve`)).statusCode).toBe(403);
    await ok(call(organizer, 'POST', `/projects/${x.projectId}/pledge/approve`));
    for (const who of [x.lead, x.sponsor, party]) await ok(call(who, 'POST', `/projects/${x.projectId}/pledge/sign`, { password: PASSWORD }));
    const p = await ok(call(x.lead, 'GET', `/projects/${x.projectId}`));
    expect(p.pledge).toMatchObject({ version: 2, status: 'signed', reason: '试点单位调整，第二个里程碑顺延' });
    expect(p.pledge.hash).not.toBe(v1.hash);
    expect(p.versions.map((v: any) => [v.version, v.status])).toEqual([[2, 'signed'], [1, 'superseded']]);
    expect(p.versions[0].changes).toEqual([{ section: 'milestones', item: v1.content.milestones[1].title, kind: 'changed' }]);
    expect(p.milestones[1].dueAt).toBe(milestones[1].dueAt);
    // The old paper still verifies, marked as replaced.
    expect((await ok(call(null, 'GET', `/verify/${v1.verifyCode}`))).superseded).toBe(true);
  });
});

describe('execution', () => {
  it('releases a tranche when a submitted milestone is accepted, and holds spending to what was released', async () => {
    const x = await awarded();
    const p = await signed(x);
    const m1 = p.milestones[0];
    expect((await call(x.lead, 'POST', `/projects/${x.projectId}/spending`, { amountCents: 100, purpose: '服务器', spentOn: '2026-06-02' })).json().rule).toBe('spending_over_released');
    await ok(call(x.member, 'POST', `/projects/${x.projectId}/milestones/${m1.id}/submission`, { text: '原型已完成，见演示', links: ['https://git.example.cn/bim/demo'] }));
    // The team does not accept its own work; a return needs a reason.
    expect((await call(x.lead, 'POST', `/projects/${x.projectId}/milestones/${m1.id}/decision`, { action: 'accept' })).statusCode).toBe(403);
    const noReason = await call(x.sponsor, 'POST', `/projects/${x.projectId}/milestones/${m1.id}/decision`, { action: 'return' });
    expect(noReason.statusCode).toBe(400);
    await ok(call(x.sponsor, 'POST', `/projects/${x.projectId}/milestones/${m1.id}/decision`, { action: 'return', reason: '缺少试点数据' }));
    await ok(call(x.lead, 'POST', `/projects/${x.projectId}/milestones/${m1.id}/submission`, { text: '补充了试点数据', links: [] }));
    const accepted = await ok(call(x.sponsor, 'POST', `/projects/${x.projectId}/milestones/${m1.id}/decision`, { action: 'accept' }));
    expect(accepted.milestones[0]).toMatchObject({ status: 'accepted', submission: { text: '补充了试点数据' } });
    expect(accepted.releasedCents).toBe(m1.trancheCents);
    await ok(call(x.lead, 'POST', `/projects/${x.projectId}/spending`, { amountCents: 5_000_000, purpose: '服务器与软件', spentOn: '2026-06-20' }));
    const over = await call(x.lead, 'POST', `/projects/${x.projectId}/spending`, { amountCents: m1.trancheCents, purpose: '外包', spentOn: '2026-06-21' });
    expect(over.json().rule).toBe('spending_over_released');
    const seen = await ok(call(x.lead, 'GET', `/projects/${x.projectId}`));
    expect(seen).toMatchObject({ spentCents: 5_000_000, spending: [{ amountCents: 5_000_000, purpose: '服务器与软件' }] });
    // An employee outside the project reads it but not its ledger.
    const stranger = await makeUser(t.db);
    const outside = await ok(call(stranger, 'GET', `/projects/${x.projectId}`));
    expect(outside).toMatchObject({ seesInside: false, spending: [], helpRequests: [] });
  });

  it('turns a project red when a milestone is overdue, saying which and by how many days', async () => {
    const x = await awarded();
    const p = await signed(x);
    const due = new Date(p.milestones[0].dueAt).getTime();
    // Reports keep the report rule quiet: this test is about the milestone.
    const periods = async () => {
      const r = await call(x.lead, 'POST', `/projects/${x.projectId}/reports`, { percentDone: 20, kpiValues: [20, null], done: '推进中' });
      expect(r.statusCode, r.body).toBe(200);
    };
    t.clock.set(new Date(due - DAY).toISOString());
    await periods();
    await monitorProjects(t.db, t.clock.now);
    t.clock.set(new Date(due + 12 * DAY + 3_600_000).toISOString());
    await periods();
    await monitorProjects(t.db, t.clock.now);
    const red = await ok(call(x.lead, 'GET', `/projects/${x.projectId}`));
    expect(red.milestones[0].status).toBe('overdue');
    expect(red.health).toBe('red');
    expect(red.healthReasons[0]).toEqual({ level: 'red', code: 'milestone_overdue', params: { n: 1, title: p.milestones[0].title, days: 12 } });
    const listed = await ok(call(organizer, 'GET', `/projects?health=red&campaignId=${x.campaign.id}`));
    expect(listed.items.map((i: any) => i.id)).toEqual([x.projectId]);
    // The lead and the organizers hear of it.
    await runDueJobs(t.db, t.clock.now);
    const notes = await t.db.selectFrom('notifications').select(['recipient_id as user_id', 'kind']).where('entity_id', '=', x.projectId).where('kind', '=', 'project.health').execute();
    expect(notes.map((n) => n.user_id)).toEqual(expect.arrayContaining([x.lead.id, organizer.id]));
  });

  it('takes a monthly progress report with KPI values, one per period, and refuses it on a terminated project', async () => {
    const x = await awarded();
    await signed(x);
    const bad = await call(x.lead, 'POST', `/projects/${x.projectId}/reports`, { percentDone: 10, kpiValues: [20], done: '完成调研' });
    expect(bad.json().errors[0]).toMatchObject({ path: 'body.kpiValues', code: 'kpi_values_count' });
    await ok(call(x.lead, 'POST', `/projects/${x.projectId}/reports`, { percentDone: 10, kpiValues: [20, null], done: '完成调研', problems: '试点数据不全' }));
    const again = await ok(call(x.member, 'POST', `/projects/${x.projectId}/reports`, { percentDone: 15, kpiValues: [25, 60], done: '完成调研与原型' }));
    expect(again.reports).toHaveLength(1);
    expect(again.reports[0]).toMatchObject({ period: '2026-06', percentDone: 15, kpiValues: [25, 60] });
    expect(again.percentDone).toBe(15);
    expect((await call(x.runnerUp, 'POST', `/projects/${x.projectId}/reports`, { percentDone: 1, kpiValues: [null, null], done: 'x' })).statusCode).toBe(403);
  });

  it('escalates an unanswered help request to the leaders, who answer it; the answer reaches the lead', async () => {
    const x = await awarded({ settings: { helpAnswerDays: 3 } });
    await signed(x);
    const h = await ok(call(x.lead, 'POST', `/projects/${x.projectId}/help-requests`, { kind: 'resources', body: '需要协调两家试点单位开放数据接口' }), 201);
    expect(h).toMatchObject({ addressedTo: 'party_branch', level: 1, status: 'open', dueAt: '2026-06-04T02:00:00.000Z' });
    expect((await ok(call(party, 'GET', '/help-requests?status=open'))).items.map((i: any) => i.id)).toContain(h.id);
    expect((await call(x.member, 'POST', `/projects/${x.projectId}/help-requests`, { kind: 'other', body: '成员不能代提' })).statusCode).toBe(403);
    // A leader cannot answer what is addressed to the party branch.
    expect((await call(leader, 'POST', `/help-requests/${h.id}/answer`, { answer: '好', outcome: 'resolved' })).statusCode).toBe(403);
    t.clock.advance(3 * DAY + 1000);
    await runDueJobs(t.db, t.clock.now);
    const escalated = (await ok(call(x.lead, 'GET', `/projects/${x.projectId}`))).helpRequests[0];
    expect(escalated).toMatchObject({ addressedTo: 'leader', level: 2, status: 'open' });
    expect(escalated.escalatedAt).not.toBeNull();
    const told = await t.db.selectFrom('notifications').select('recipient_id as user_id').where('kind', '=', 'help.escalated').where('entity_id', '=', h.id).execute();
    expect(told.map((n) => n.user_id)).toContain(leader.id);
    expect((await call(party, 'POST', `/help-requests/${h.id}/answer`, { answer: '好', outcome: 'resolved' })).statusCode).toBe(403);
    const answered = await ok(call(leader, 'POST', `/help-requests/${h.id}/answer`, { answer: '已协调信息中心本周开放接口', outcome: 'resolved' }));
    expect(answered).toMatchObject({ status: 'answered', outcome: 'resolved', answeredBy: leader.name });
    await runDueJobs(t.db, t.clock.now);
    const back = await t.db.selectFrom('notifications').select('recipient_id as user_id').where('kind', '=', 'help.answered').where('entity_id', '=', x.projectId).execute();
    expect(back.map((n) => n.user_id)).toEqual([x.lead.id]);
  });

  it('runs a mid-term review to rectification and its re-check, then terminates and hands the project to the runner-up', async () => {
    const x = await awarded();
    await signed(x);
    const opened = await ok(call(organizer, 'POST', `/projects/${x.projectId}/midterms`));
    const mid = opened.midterms[0];
    expect((await call(organizer, 'POST', `/projects/${x.projectId}/midterms`)).json().rule).toBe('midterm_open');
    const noItems = await call(organizer, 'POST', `/projects/${x.projectId}/midterms/${mid.id}/decision`, { rating: 'fair', outcome: 'rectify', comment: '进度滞后' });
    expect(noItems.json().errors.map((e: any) => e.path)).toEqual(['body.items', 'body.rectifyBy']);
    const rect = await ok(call(organizer, 'POST', `/projects/${x.projectId}/midterms/${mid.id}/decision`, {
      rating: 'fair', outcome: 'rectify', comment: '进度滞后', items: ['补齐试点数据', '调整技术路线'], rectifyBy: '2026-08-01T00:00:00.000Z',
    }));
    expect(rect).toMatchObject({ status: 'rectifying', statusReason: '进度滞后' });
    expect(rect.midterms[0]).toMatchObject({ outcome: 'rectify', items: ['补齐试点数据', '调整技术路线'] });
    // The deadline comes while still rectifying: the organizers are told to re-check, the team that it is due.
    t.clock.set('2026-08-01T01:00:00.000Z');
    await runDueJobs(t.db, t.clock.now);
    const due = await t.db.selectFrom('notifications').select(['recipient_id', 'kind']).where('entity_id', '=', x.projectId).where('kind', 'like', 'rectify.%').execute();
    expect(due).toEqual(expect.arrayContaining([{ recipient_id: organizer.id, kind: 'rectify.recheck' }, { recipient_id: x.lead.id, kind: 'rectify.due' }]));
    t.clock.advance(40 * DAY);
    const recheck = (await ok(call(organizer, 'POST', `/projects/${x.projectId}/midterms`))).midterms[0];
    expect(recheck.status).toBe('open');
    const terminated = await ok(call(organizer, 'POST', `/projects/${x.projectId}/midterms/${recheck.id}/decision`, { rating: 'poor', outcome: 'terminate', comment: '整改未达要求' }));
    expect(terminated).toMatchObject({ status: 'terminated', statusReason: '整改未达要求' });
    expect(terminated.allowedActions).toContain('handOver');
    // Nothing more is reported on a terminated project.
    expect((await call(x.lead, 'POST', `/projects/${x.projectId}/reports`, { percentDone: 50, kpiValues: [null, null], done: 'x' })).statusCode).toBe(409);

    const next = await ok(call(organizer, 'POST', `/projects/${x.projectId}/hand-over`, { reason: '能者上、庸者下' }));
    expect(next).toMatchObject({ status: 'pledging', lead: { id: x.runnerUp.id }, replacesProjectId: x.projectId });
    expect(next.pledge).toMatchObject({ version: 1, status: 'draft' });
    expect((await ok(call(organizer, 'GET', `/applications/${x.second.id}`))).status).toBe('selected');
    expect((await call(organizer, 'POST', `/projects/${x.projectId}/hand-over`, {})).json().rule).toBe('handed_over');
    // The first lead is free to lead again; the runner-up now holds a project.
    const other = await makeChallenge(t.db, x.campaign.id, x.dept.id, { apply_until: '2026-12-31T00:00:00.000Z' });
    expect((await call(x.lead, 'POST', `/challenges/${other.id}/applications`, { proposal: proposal() })).statusCode).toBe(201);
    expect((await call(x.runnerUp, 'POST', `/challenges/${other.id}/applications`, { proposal: proposal() })).json().rule).toBe('maxActiveLeads');
  });

  it('keeps decisions from whoever has a stake, and projects from external experts', async () => {
    const x = await awarded();
    await signed(x);
    const teamOrganizer = await makeUser(t.db, { roles: ['organizer', 'employee'] });
    await t.db.insertInto('application_members').values({ application_id: x.app.id, user_id: teamOrganizer.id, status: 'confirmed', created_at: '2026-06-01T00:00:00.000Z', updated_at: '2026-06-01T00:00:00.000Z' }).execute();
    const r = await call(teamOrganizer, 'POST', `/projects/${x.projectId}/midterms`);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('recusal');
    const external = await makeUser(t.db, { external: true, roles: ['expert'] });
    expect((await call(external, 'GET', `/projects/${x.projectId}`)).statusCode).toBe(403);
    expect((await call(supervisor, 'GET', `/projects/${x.projectId}`)).json().seesInside).toBe(true);
    expect((await call(supervisor, 'POST', `/projects/${x.projectId}/midterms`)).statusCode).toBe(403);
  });
});

describe('race mode (赛马) and the ceremony (揭榜大会)', () => {
  it('compares the teams on the same KPIs at a gate, cuts or merges them, and keeps later tranches for those who remain', async () => {
    t.clock.set('2026-06-01T02:00:00.000Z');
    const dept = await makeDepartment(t.db);
    const sponsor = await makeUser(t.db, { roles: ['sponsor', 'employee'], departmentId: dept.id, password: PASSWORD });
    const campaign = await makeCampaign(t.db, { settings: { noticeDays: 0 } });
    const kpis = JSON.stringify([{ name: '识别准确率', direction: 'higher', baseline: 50, target: 90, unit: '%', weight: 100 }]);
    const c = await makeChallenge(t.db, campaign.id, dept.id, { race_winners: 2, kpis, created_by: sponsor.id });
    const leads = [await makeUser(t.db, { name: '甲队长', password: PASSWORD }), await makeUser(t.db, { name: '乙队长', password: PASSWORD })];
    const apps = [];
    for (const l of leads) apps.push(await ok(call(l, 'POST', `/challenges/${c.id}/applications`, { proposal: proposal(l.name) }), 201));
    await ok(call(organizer, 'POST', `/challenges/${c.id}/transitions`, { action: 'close' }));
    for (const a of apps) await ok(call(organizer, 'POST', `/applications/${a.id}/transitions`, { action: 'qualify' }));
    await ok(call(organizer, 'POST', `/challenges/${c.id}/transitions`, { action: 'startReview' }));
    for (const a of apps) await ok(call(organizer, 'POST', `/applications/${a.id}/transitions`, { action: 'select' }));
    await ok(call(organizer, 'POST', `/challenges/${c.id}/transitions`, { action: 'award' }));
    const board = await ok(call(organizer, 'GET', `/challenges/${c.id}/race`));
    expect(board.teams.map((x: any) => [x.leadName, x.status])).toEqual([['甲队长', 'pledging'], ['乙队长', 'pledging']]);
    const [a, b] = board.teams.map((x: any) => x.projectId as string);
    for (const [projectId, lead] of [[a, leads[0]!], [b, leads[1]!]] as const) {
      await ok(call(organizer, 'PATCH', `/projects/${projectId}/pledge`, { signatories: { sponsor: sponsor.id, party: party.id } }));
      for (const who of [lead, sponsor, party]) await ok(call(who, 'POST', `/projects/${projectId}/pledge/sign`, { password: PASSWORD }));
    }
    await ok(call(leads[0]!, 'POST', `/projects/${a}/reports`, { percentDone: 40, kpiValues: [80], done: '模型迭代三轮' }));
    await ok(call(leads[1]!, 'POST', `/projects/${b}/reports`, { percentDone: 30, kpiValues: [60], done: '数据标注' }));
    const side = await ok(call(organizer, 'GET', `/challenges/${c.id}/race`));
    expect(side.teams.map((x: any) => [x.kpis[0].value, x.achievement])).toEqual([[80, 0.75], [60, 0.25]]);
    expect(side.mayDecide).toBe(true);

    // Every team needs an outcome, a merge needs a team that goes on, and one team must go on.
    const missing = await call(organizer, 'POST', `/challenges/${c.id}/race/gates`, { title: '第一阶段评比', decisions: [{ projectId: a, outcome: 'continue' }] });
    expect(missing.json().errors.map((e: any) => e.code)).toEqual(['race_team_missing']);
    const badMerge = await call(organizer, 'POST', `/challenges/${c.id}/race/gates`, { title: '第一阶段评比', decisions: [{ projectId: a, outcome: 'cut' }, { projectId: b, outcome: 'merge', into: a }] });
    expect(badMerge.json().errors.map((e: any) => [e.path, e.code])).toEqual([['body.decisions.1.into', 'merge_target']]);
    const none = await call(organizer, 'POST', `/challenges/${c.id}/race/gates`, { title: '第一阶段评比', decisions: [{ projectId: a, outcome: 'cut' }, { projectId: b, outcome: 'cut' }] });
    expect(none.json().rule).toBe('race_no_team_left');
    expect(await t.db.selectFrom('race_gates').selectAll().where('challenge_id', '=', c.id).execute()).toEqual([]);
    expect((await call(leads[0]!, 'POST', `/challenges/${c.id}/race/gates`, { title: 'x', decisions: [{ projectId: a, outcome: 'continue' }, { projectId: b, outcome: 'cut' }] })).statusCode).toBe(403);

    const gated = await ok(call(organizer, 'POST', `/challenges/${c.id}/race/gates`, {
      title: '第一阶段评比', note: '甲队准确率领先，乙队并入甲队', decisions: [{ projectId: a, outcome: 'continue' }, { projectId: b, outcome: 'merge', into: a }],
    }));
    expect(gated.teams.map((x: any) => x.status)).toEqual(['executing', 'eliminated']);
    expect(gated.gates[0]).toMatchObject({ title: '第一阶段评比', decisions: [{ projectId: a, outcome: 'continue', achievement: 0.75 }, { projectId: b, outcome: 'merge', into: a, achievement: 0.25 }] });
    const cut = await ok(call(organizer, 'GET', `/projects/${b}`));
    expect(cut.statusReason).toBe('赛马：第一阶段评比，并入 甲队长 团队');
    // No more tranches for the team that left the race.
    await t.db.updateTable('milestones').set({ status: 'submitted' }).where('project_id', '=', b).where('seq', '=', 1).execute();
    const m = (await ok(call(organizer, 'GET', `/projects/${b}`))).milestones[0];
    expect(m.allowedActions).toEqual([]);
    expect((await call(sponsor, 'POST', `/projects/${b}/milestones/${m.id}/decision`, { action: 'accept' })).statusCode).toBe(409);
  });

  it('records the ceremony with its mode, place or video, and the flags awarded to the pledges signed there', async () => {
    const x = await awarded();
    await signed(x);
    const bad = await call(organizer, 'PUT', `/campaigns/${x.campaign.id}/ceremony`, {
      title: '揭榜挂帅大会', heldAt: '2026-06-05T02:00:00.000Z', mode: 'both', flags: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(bad.json().errors.map((e: any) => [e.path, e.code])).toEqual([['body.place', 'place_required'], ['body.videoUrl', 'video_url_required'], ['body.flags.0', 'unknown_reference']]);
    expect((await call(x.lead, 'PUT', `/campaigns/${x.campaign.id}/ceremony`, { title: 'x', heldAt: '2026-06-05T02:00:00.000Z', mode: 'video', videoUrl: 'https://v.example.cn/1' })).statusCode).toBe(403);
    const saved = await ok(call(organizer, 'PUT', `/campaigns/${x.campaign.id}/ceremony`, {
      title: '揭榜挂帅大会暨授旗仪式', heldAt: '2026-06-05T02:00:00.000Z', mode: 'both', place: '院本部三楼报告厅', videoUrl: 'https://meeting.example.cn/jiebang',
      oath: '不负重托，攻坚克难，按期交账。', attendanceOnsite: 120, attendanceOnline: 260, flags: [x.projectId],
      photos: [{ url: 'https://img.example.cn/ceremony-1.jpg', caption: '授旗' }],
    }));
    expect(saved.record).toMatchObject({ mode: 'both', place: '院本部三楼报告厅', attendanceOnline: 260 });
    expect(saved.pledges).toEqual([expect.objectContaining({ projectId: x.projectId, leadName: '林挂帅', flag: true })]);
    expect(saved.pledges[0].hash).toMatch(/^[0-9a-f]{64}$/);
    const seen = await ok(call(x.member, 'GET', `/campaigns/${x.campaign.id}/ceremony`));
    expect(seen).toMatchObject({ mayEdit: false, record: { title: '揭榜挂帅大会暨授旗仪式' } });
  });
});

describe('deliverable files', () => {
  it('are uploaded by the team, attached to a milestone, and downloaded as they were by anyone who reads the project', async () => {
    const x = await awarded();
    const p = await signed(x);
    const bytes = Buffer.from('%PDF-1.4 试点报告 pilot report', 'utf8');
    const upload = (who: Who, body: Buffer, name = '试点报告 v1.pdf', type = 'application/pdf') => t.app.inject({
      method: 'POST', url: `/api/v1/projects/${x.projectId}/files?name=${encodeURIComponent(name)}`, headers: { ...who.auth, 'content-type': type }, payload: body,
    });
    const made = await upload(x.member, bytes);
    expect(made.statusCode, made.body).toBe(201);
    const file = made.json();
    expect(file).toMatchObject({ name: '试点报告 v1.pdf', mime: 'application/pdf', size: bytes.length });
    // Only the team uploads; an empty file is refused; another project's file cannot be attached.
    expect((await upload(x.sponsor, bytes)).statusCode).toBe(403);
    expect((await upload(x.lead, Buffer.alloc(0))).json().errors[0].code).toBe('empty_file');
    const other = await awarded();
    await signed(other);
    const foreign = (await t.app.inject({ method: 'POST', url: `/api/v1/projects/${other.projectId}/files?name=x.txt`, headers: { ...other.lead.auth, 'content-type': 'text/plain' }, payload: Buffer.from('x') })).json();
    const m1 = p.milestones[0];
    const refused = await call(x.lead, 'POST', `/projects/${x.projectId}/milestones/${m1.id}/submission`, { text: '试点报告', links: [], fileIds: [file.id, foreign.id] });
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'body.fileIds.1', code: 'unknown_reference' })]);
    const submitted = await ok(call(x.lead, 'POST', `/projects/${x.projectId}/milestones/${m1.id}/submission`, { text: '试点报告', links: [], fileIds: [file.id] }));
    expect(submitted.milestones[0].submission.files).toEqual([{ id: file.id, name: '试点报告 v1.pdf', size: bytes.length, sha256: file.sha256 }]);
    const stranger = await makeUser(t.db);
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/projects/${x.projectId}/files/${file.id}`, headers: stranger.auth });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(bytes)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('试点报告 v1.pdf')}`);
    // A file is reached only through its own project.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/projects/${other.projectId}/files/${file.id}`, headers: stranger.auth })).statusCode).toBe(404);
  });
});
