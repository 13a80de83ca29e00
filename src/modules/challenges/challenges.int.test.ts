import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { makeDepartment, makeUser, type TestUser } from '../../../test/support/factories.ts';
import { closeDueChallenges } from './service.ts';

// Application data goes through the applications API (src/modules/applications), as a user would.

let t: TestApp;
let organizer: TestUser, sponsor: TestUser, otherSponsor: TestUser, employee: TestUser, supervisor: TestUser;
let institute: { id: string }, digital: { id: string }, otherDept: { id: string };
let campaignId: string;

type Who = { auth: Record<string, string> };
const call = (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.auth, ...(payload !== undefined ? { payload: payload as object } : {}) });
const act = (who: Who, id: string, action: string, extra: Record<string, unknown> = {}) =>
  call(who, 'POST', `/challenges/${id}/transitions`, { action, ...extra });

const body = (over: Record<string, unknown> = {}) => ({
  campaignId, title: 'BIM 正向设计协同平台', category: '业务数字化', sponsorDepartmentId: digital.id,
  background: '设计院推进数字化转型，需要打通设计与施工。', goals: '建立 BIM 协同标准', deliverables: '平台与标准',
  kpis: [{ name: '项目覆盖率', direction: 'higher', baseline: 10, target: 60, unit: '%', weight: 60 }, { name: '出图效率', direction: 'higher', target: 30, unit: '%', weight: 40, measure: '试点项目出图人日对比' }],
  durationMonths: 12, budgetCents: 50_000_000, tags: ['BIM'], ...over,
});

async function campaign(over: Record<string, unknown> = {}) {
  const res = await call(organizer, 'POST', '/campaigns', {
    name: '践行十四五战略 打赢数字化攻坚战', applyFrom: '2026-06-01T00:00:00Z', applyUntil: '2026-06-30T00:00:00Z', ...over,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

/** A challenge drafted by the sponsor and published by the organizer. */
async function published(over: Record<string, unknown> = {}) {
  const c = await call(sponsor, 'POST', '/challenges', body(over));
  expect(c.statusCode).toBe(201);
  expect((await act(sponsor, c.json().id, 'submit')).statusCode).toBe(200);
  const p = await act(organizer, c.json().id, 'publish');
  expect(p.statusCode).toBe(200);
  return p.json();
}

const count = async (table: 'challenges' | 'audit_events') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await testApp();
  institute = await makeDepartment(t.db, '设计院');
  digital = await makeDepartment(t.db, '数字化中心', institute.id);
  otherDept = await makeDepartment(t.db, '财务部');
  organizer = await makeUser(t.db, { roles: ['organizer'] });
  sponsor = await makeUser(t.db, { roles: ['sponsor'], departmentId: institute.id });
  otherSponsor = await makeUser(t.db, { roles: ['sponsor'], departmentId: otherDept.id });
  employee = await makeUser(t.db, { departmentId: otherDept.id });
  supervisor = await makeUser(t.db, { roles: ['supervisor'] });
  campaignId = await campaign();
});

describe('drafting and publishing', () => {
  it('sponsor drafts for a sub-department → submits → organizer returns with a comment → resubmits → publishes', async () => {
    const draft = await call(sponsor, 'POST', '/challenges', body());
    expect(draft.statusCode).toBe(201);
    const c = draft.json();
    expect(c).toMatchObject({ status: 'draft', budgetCents: 50_000_000, raceMode: false, teamSizeMin: 1, teamSizeMax: 10, sponsorDepartmentName: '数字化中心', deadline: '2026-06-30T00:00:00.000Z', myApplication: null });
    expect(c.allowedActions).toEqual(['submit', 'edit']); // cancelling is the organizer's

    // A draft is internal: colleagues elsewhere do not see it; the supervisor does.
    expect((await call(employee, 'GET', `/challenges/${c.id}`)).statusCode).toBe(404);
    expect((await call(supervisor, 'GET', `/challenges/${c.id}`)).json().allowedActions).toEqual([]);

    expect((await act(sponsor, c.id, 'submit')).json().status).toBe('submitted');
    const noReason = await act(organizer, c.id, 'return');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ path: 'body.reason', message: 'is required to return', code: 'required' }]);
    const returned = await act(organizer, c.id, 'return', { reason: '请补充考核指标的基线' });
    expect(returned.json()).toMatchObject({ status: 'draft', statusReason: '请补充考核指标的基线' });

    const edited = await call(sponsor, 'PATCH', `/challenges/${c.id}`, { kpis: [{ name: '项目覆盖率', direction: 'higher', baseline: 10, target: 60, unit: '%', weight: 100 }] });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().kpis).toHaveLength(1);
    expect((await act(sponsor, c.id, 'submit')).json()).toMatchObject({ status: 'submitted', statusReason: null });
    // Submitted: the sponsor can no longer edit (the state says so), the organizer can.
    const late = await call(sponsor, 'PATCH', `/challenges/${c.id}`, { title: '改标题' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'invalid_transition', currentState: 'submitted' });
    expect((await call(organizer, 'PATCH', `/challenges/${c.id}`, { title: 'BIM 正向设计协同平台（修订）' })).statusCode).toBe(200);

    const pub = await act(organizer, c.id, 'publish');
    expect(pub.json()).toMatchObject({ status: 'published', publishedAt: '2026-06-01T02:00:00.000Z' });
    const seen = await call(employee, 'GET', `/challenges/${c.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowedActions).toEqual(['apply']);

    const audit = await t.db.selectFrom('audit_events').select(['action', 'reason']).where('entity_id', '=', c.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'challenge.create', 'challenge.submit', 'challenge.return', 'challenge.update', 'challenge.submit', 'challenge.update', 'challenge.publish',
    ]);
    expect(audit[2].reason).toBe('请补充考核指标的基线');
  });

  it('refuses the sponsor of another department (403) and employees without the role', async () => {
    const res = await call(otherSponsor, 'POST', '/challenges', body());
    expect(res.statusCode).toBe(403);
    expect((await call(employee, 'POST', '/challenges', body())).json().requiredRoles).toEqual(['sponsor', 'organizer', 'admin']);
    const pub = await published();
    const patch = await call(otherSponsor, 'PATCH', `/challenges/${pub.id}`, { title: 'x' });
    expect(patch.statusCode).toBe(403);
    const close = await act(sponsor, pub.id, 'close');
    expect(close.statusCode).toBe(403);
    expect(close.json().requiredRoles).toEqual(['organizer']);
  });

  it('a refused transition answers 409 with the current state and the allowed actions', async () => {
    const c = (await call(sponsor, 'POST', '/challenges', body())).json();
    const res = await act(organizer, c.id, 'close');
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'invalid_transition', currentState: 'draft', allowedActions: ['submit', 'cancel', 'edit'] });
  });

  it('takes KPIs as numbers with a direction, and names a target on the wrong side or a number given as text', async () => {
    const ok = await call(sponsor, 'POST', '/challenges', body({ kpis: [
      { name: '闭环时长', direction: 'lower', baseline: 72, target: 24, unit: '小时', weight: 70, measure: '系统工单统计' },
      { name: '产品化方案', direction: 'deliverable', unit: '套', weight: 30 },
    ] }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().kpis[0]).toMatchObject({ direction: 'lower', baseline: 72, target: 24, measure: '系统工单统计' });
    const bad = await call(sponsor, 'POST', '/challenges', body({ kpis: [
      { name: '覆盖率', direction: 'higher', baseline: 60, target: 10, unit: '%', weight: 50 },
      { name: '效率', direction: 'lower', unit: '%', weight: 50 },
    ] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: any) => [e.path, e.code])).toEqual([
      ['body.kpis.0.target', 'kpi_target_not_above'], ['body.kpis.1.target', 'kpi_target_required'],
    ]);
    const text = await call(sponsor, 'POST', '/challenges', body({ kpis: [{ name: '覆盖率', direction: 'higher', baseline: '10%', target: 60, unit: '%', weight: 100 }] }));
    expect(text.statusCode).toBe(400);
    expect(text.json().errors.map((e: any) => e.path)).toContain('body.kpis.0.baseline');
  });

  it('names every bad field and writes nothing', async () => {
    const before = [await count('challenges'), await count('audit_events')];
    const shape = await call(sponsor, 'POST', '/challenges', body({ budgetCents: -1, title: '题'.repeat(201), color: 'red' }));
    expect(shape.statusCode).toBe(400);
    expect(shape.json().errors.map((e: any) => e.path).sort()).toEqual(['body.budgetCents', 'body.color', 'body.title']);
    const meaning = await call(sponsor, 'POST', '/challenges', body({
      kpis: [{ name: 'a', direction: 'higher', target: 1, unit: '个', weight: 60 }, { name: 'b', direction: 'higher', target: 2, unit: '个', weight: 30 }],
      sponsorDepartmentId: '00000000-0000-4000-8000-000000000000', teamSizeMin: 5, teamSizeMax: 3,
      campaignId: '00000000-0000-4000-8000-000000000001',
    }));
    expect(meaning.statusCode).toBe(400);
    expect(meaning.json().errors).toEqual(expect.arrayContaining([
      { path: 'body.kpis', message: 'weights must add up to 100 (they add up to 90)', code: 'kpi_weights_sum', params: { sum: 90 } },
      { path: 'body.sponsorDepartmentId', message: 'is not a known department', code: 'unknown_reference' },
      { path: 'body.campaignId', message: 'is not a known campaign', code: 'unknown_reference' },
      { path: 'body.teamSizeMax', message: 'must be at least teamSizeMin (5)', code: 'team_size_order', params: { min: 5 } },
    ]));
    expect(meaning.json().errors).toHaveLength(4);
    expect([await count('challenges'), await count('audit_events')]).toEqual(before);
  });

  it('publish needs a deadline in the future', async () => {
    const c = (await call(sponsor, 'POST', '/challenges', body({ applyUntil: '2026-06-01T01:00:00Z' }))).json();
    await act(sponsor, c.id, 'submit');
    const res = await act(organizer, c.id, 'publish');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'rule_violation', rule: 'deadline_passed', currentState: 'submitted' });
    expect(res.json().allowedActions).not.toContain('publish');
  });
});

describe('the board', () => {
  it('filters, sorts and pages; hides drafts from employees', async () => {
    const cid = await campaign({ name: '第二批' });
    const a = await published({ campaignId: cid, title: '甲', category: '技术', budgetCents: 300, tags: ['AI'] });
    const b = await published({ campaignId: cid, title: '乙', category: '技术', budgetCents: 100, applyUntil: '2026-06-10T00:00:00Z' });
    const c = await published({ campaignId: cid, title: '丙', category: '管理', budgetCents: 200, sponsorDepartmentId: institute.id });
    const d = (await call(sponsor, 'POST', '/challenges', body({ campaignId: cid, title: '丁（草稿）' }))).json();

    const list = async (who: Who, qs: string) => (await call(who, 'GET', `/challenges?campaignId=${cid}&${qs}`)).json();
    expect((await list(employee, 'sort=budget')).items.map((x: any) => x.title)).toEqual(['甲', '丙', '乙']);
    expect((await list(employee, 'sort=budget&order=asc')).items.map((x: any) => x.title)).toEqual(['乙', '丙', '甲']);
    expect((await list(employee, 'sort=deadline')).items[0].id).toBe(b.id);
    expect((await list(sponsor, '')).total).toBe(4); // the sponsor sees their draft
    expect((await list(employee, '')).total).toBe(3);
    expect((await list(employee, 'status=draft')).total).toBe(0);
    expect((await list(organizer, 'status=draft,published')).total).toBe(4);

    const page2 = await list(employee, 'category=技术&sort=budget&pageSize=1&page=2');
    expect(page2).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page2.items.map((x: any) => x.id)).toEqual([b.id]);
    expect((await list(employee, 'tag=AI')).items.map((x: any) => x.id)).toEqual([a.id]);
    // A department filter takes in the departments below it.
    expect((await list(employee, `departmentId=${institute.id}`)).total).toBe(3);
    expect((await list(employee, `departmentId=${digital.id}`)).items.map((x: any) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(d.status).toBe('draft');
    expect(c.allowedActions).toEqual(['close', 'cancel', 'apply']); // the organizer may take it on too (英雄不问出处)

    const bad = await call(employee, 'GET', '/challenges?status=open');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.status');
  });
});

describe('deadlines and the later stages', () => {
  it('closes at the deadline exactly once when two schedulers run at once; nobody applied → unclaimed', async () => {
    const cid = await campaign({ name: '定时关闭', applyUntil: '2026-06-05T00:00:00Z' });
    const x = await published({ campaignId: cid });
    const y = await published({ campaignId: cid, applyUntil: '2026-06-03T00:00:00Z' });
    const later = await published({ campaignId: cid, applyUntil: '2026-06-20T00:00:00Z' });
    const applicant = await makeUser(t.db);
    const applied = await call(applicant, 'POST', `/challenges/${x.id}/applications`, { proposal: { summary: '我来揭榜', approach: '方法', plan: '计划', expectedResults: '成果' } });
    expect(applied.statusCode).toBe(201);
    t.clock.set('2026-06-05T00:00:00.000Z');
    const [n1, n2] = await Promise.all([closeDueChallenges(t.db, t.clock.now()), closeDueChallenges(t.db, t.clock.now())]);
    expect(n1 + n2).toBe(2);
    expect((await call(employee, 'GET', `/challenges/${x.id}`)).json()).toMatchObject({ status: 'closed', closedAt: '2026-06-05T00:00:00.000Z', allowedActions: [] });
    expect((await call(employee, 'GET', `/challenges/${y.id}`)).json()).toMatchObject({ status: 'unclaimed', closedAt: '2026-06-05T00:00:00.000Z' });
    for (const id of [x.id, y.id]) {
      const events = await t.db.selectFrom('audit_events').select(['actor_id', 'reason']).where('entity_id', '=', id).where('action', '=', 'challenge.close').execute();
      expect(events).toEqual([{ actor_id: null, reason: 'deadline passed (automatic)' }]);
    }
    const unclaimed = await t.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'challenge.markUnclaimed').where('entity_id', 'in', [x.id, y.id]).execute();
    expect(unclaimed).toEqual([{ entity_id: y.id }]);
    expect((await call(employee, 'GET', `/challenges/${later.id}`)).json().status).toBe('published');
    expect(await closeDueChallenges(t.db, t.clock.now())).toBe(0);
    t.clock.set('2026-06-01T02:00:00.000Z');
  });

  it('closes by hand, marks unclaimed and republishes with a new deadline', async () => {
    const c = await published();
    const closed = await act(organizer, c.id, 'close', { reason: '提前截止' });
    expect(closed.json()).toMatchObject({ status: 'closed', statusReason: '提前截止' });
    expect(closed.json().allowedActions).toEqual(['markUnclaimed']);
    const review = await act(organizer, c.id, 'startReview');
    expect(review.json()).toMatchObject({ rule: 'no_qualified_application', allowedActions: ['markUnclaimed'] });
    expect((await act(organizer, c.id, 'markUnclaimed')).json().status).toBe('unclaimed');
    expect((await act(organizer, c.id, 'republish')).json().errors).toEqual([{ path: 'body.applyUntil', message: 'is required to republish: give the new deadline', code: 'required' }]);
    expect((await act(organizer, c.id, 'republish', { applyUntil: '2026-05-01T00:00:00Z' })).json().errors[0].message).toBe('must be in the future');
    const again = await act(organizer, c.id, 'republish', { applyUntil: '2026-07-15T00:00:00Z' });
    expect(again.json()).toMatchObject({ status: 'published', deadline: '2026-07-15T00:00:00.000Z', applyUntil: '2026-07-15T00:00:00.000Z' });
    expect((await call(employee, 'GET', `/challenges/${c.id}`)).json().allowedActions).toEqual(['apply']);
  });

  it('reviews, notices and awards with the application guards', async () => {
    const c = await published({ raceWinners: 1 });
    const leads = [await makeUser(t.db, { departmentId: otherDept.id }), await makeUser(t.db, { departmentId: otherDept.id })];
    const apps: string[] = [];
    for (const lead of leads) {
      const res = await call(lead, 'POST', `/challenges/${c.id}/applications`, {
        proposal: { summary: '数字孪生', approach: 'BIM + PSIM', plan: '三个月原型', expectedResults: '平台' },
      });
      expect(res.statusCode).toBe(201);
      apps.push(res.json().id);
    }
    const mine = (await call(leads[0], 'GET', `/challenges/${c.id}`)).json();
    expect(mine.awardedLeads).toBeUndefined();
    expect(mine).toMatchObject({ applicantCount: 2, myApplication: { id: apps[0], status: 'submitted' } });
    expect(mine.allowedActions).not.toContain('apply');

    await act(organizer, c.id, 'close');
    expect((await act(organizer, c.id, 'startReview')).json()).toMatchObject({ rule: 'unchecked_applications' });
    for (const id of apps) expect((await call(organizer, 'POST', `/applications/${id}/transitions`, { action: 'qualify' })).statusCode).toBe(200);
    expect((await act(organizer, c.id, 'markUnclaimed')).json()).toMatchObject({ rule: 'has_qualified_applications' });
    expect((await act(organizer, c.id, 'startReview')).json().status).toBe('reviewing');
    expect((await act(organizer, c.id, 'startNotice')).json()).toMatchObject({ rule: 'selection_count' });
    expect((await act(organizer, c.id, 'award')).json()).toMatchObject({ rule: 'notice_required' });
    expect((await call(organizer, 'POST', `/applications/${apps[0]}/transitions`, { action: 'select' })).statusCode).toBe(200);
    const notice = await act(organizer, c.id, 'startNotice');
    expect(notice.json()).toMatchObject({ status: 'notice', allowedActions: [] });
    // From the notice (公示) on, everyone sees who was chosen; before it, nobody does.
    expect((await call(employee, 'GET', `/challenges/${c.id}`)).json().awardedLeads).toEqual([{ id: leads[0].id, name: leads[0].name, departmentName: expect.any(String), members: [], review: null }]); // no expert review decided it
    expect((await act(organizer, c.id, 'award')).json()).toMatchObject({ rule: 'notice_period_running', detail: 'The notice period runs until 2026-06-06T02:00:00.000Z.' });
    t.clock.advance(5 * 86_400_000);
    expect((await call(organizer, 'GET', `/challenges/${c.id}`)).json().allowedActions).toEqual(['award']);
    const awarded = await act(organizer, c.id, 'award');
    expect(awarded.json()).toMatchObject({ status: 'awarded', awardedAt: '2026-06-06T02:00:00.000Z' });
    const other = await t.db.selectFrom('applications').select('status').where('id', '=', apps[1]).executeTakeFirstOrThrow();
    expect(other.status).toBe('not_selected');
    expect((await act(organizer, c.id, 'complete')).json().status).toBe('completed');
    t.clock.set('2026-06-01T02:00:00.000Z');
  });

  it('awards straight from review when the campaign has no notice period', async () => {
    const cid = await campaign({ name: '无公示', settings: { noticeDays: 0 } });
    const c = await published({ campaignId: cid });
    const lead = await makeUser(t.db, { departmentId: otherDept.id });
    const app = (await call(lead, 'POST', `/challenges/${c.id}/applications`, {
      proposal: { summary: '方案', approach: '路线', plan: '计划', expectedResults: '成果' },
    })).json();
    await act(organizer, c.id, 'close');
    await call(organizer, 'POST', `/applications/${app.id}/transitions`, { action: 'qualify' });
    await act(organizer, c.id, 'startReview');
    await call(organizer, 'POST', `/applications/${app.id}/transitions`, { action: 'select' });
    expect((await act(organizer, c.id, 'startNotice')).json()).toMatchObject({ rule: 'no_notice_period', allowedActions: ['award'] });
    expect((await act(organizer, c.id, 'award')).json().status).toBe('awarded');
  });

  it('cancels with a reason and hides the challenge from the board', async () => {
    const c = await published();
    expect((await act(organizer, c.id, 'cancel')).statusCode).toBe(400);
    expect((await act(organizer, c.id, 'cancel', { reason: '需求变更' })).json()).toMatchObject({ status: 'cancelled', statusReason: '需求变更', allowedActions: [] });
    expect((await call(employee, 'GET', `/challenges/${c.id}`)).statusCode).toBe(404);
  });
});
