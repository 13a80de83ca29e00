// 公示: the notice shows who was chosen, with which team and until when; when it ends clean the
// award follows by itself (a job at that moment), through the same transition as the organizer's.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testClock, type TestApp } from '../../../test/support/app.ts';
import { makeDepartment, makeUser, type TestUser, setRoles } from '../../../test/support/factories.ts';
import { runDueJobs } from '../../core/jobs.ts';
import { makeCampaign, makeChallenge, proposal } from '../applications/test-helpers.ts';

let t: TestApp;
let organizer: TestUser;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await testApp({ clock: testClock('2026-06-01T02:00:00.000Z') });
  organizer = await makeUser(t.db, { roles: ['organizer'] });
});

const call = (who: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.auth, ...(payload ? { payload } : {}) });

describe('the notice period (公示)', () => {
  it('shows the chosen team until when, then awards by itself when it ends', async () => {
    const dept = await makeDepartment(t.db, '数字化中心');
    const campaign = await makeCampaign(t.db, { settings: { noticeDays: 5 } });
    const c = await makeChallenge(t.db, campaign.id, dept.id, { contact: '王老师 010-1234' });
    const lead = await makeUser(t.db, { departmentId: dept.id, name: '林挂帅' });
    const member = await makeUser(t.db, { departmentId: dept.id, name: '周成员' });
    const other = await makeUser(t.db, { departmentId: dept.id });
    const app = (await call(lead, 'POST', `/challenges/${c.id}/applications`, { proposal: proposal(), memberIds: [member.id] })).json();
    await call(member, 'POST', `/applications/${app.id}/members/me/confirm`);
    const rival = (await call(other, 'POST', `/challenges/${c.id}/applications`, { proposal: proposal('另一方案') })).json();
    for (const [url, body] of [
      [`/challenges/${c.id}/transitions`, { action: 'close' }], [`/applications/${app.id}/transitions`, { action: 'qualify' }],
      [`/applications/${rival.id}/transitions`, { action: 'qualify' }], [`/challenges/${c.id}/transitions`, { action: 'startReview' }],
      [`/applications/${app.id}/transitions`, { action: 'select' }], [`/challenges/${c.id}/transitions`, { action: 'startNotice' }],
    ] as const) expect((await call(organizer, 'POST', url, body)).statusCode).toBe(200);

    const seen = (await call(other, 'GET', `/challenges/${c.id}`)).json();
    expect(seen).toMatchObject({ status: 'notice', noticeEndsAt: '2026-06-06T02:00:00.000Z', contact: '王老师 010-1234' });
    expect(seen.awardedLeads).toEqual([{ id: lead.id, name: '林挂帅', departmentName: '数字化中心', members: [{ id: member.id, name: '周成员' }], review: null }]);

    await runDueJobs(t.db, t.clock.now);
    expect((await call(other, 'GET', `/challenges/${c.id}`)).json().status).toBe('notice'); // not yet
    t.clock.advance(5 * DAY);
    await runDueJobs(t.db, t.clock.now);
    const done = (await call(other, 'GET', `/challenges/${c.id}`)).json();
    expect(done.status).toBe('awarded');
    expect((await call(organizer, 'GET', `/applications/${rival.id}`)).json().status).toBe('not_selected');
    const [event] = await t.db.selectFrom('audit_events').select(['actor_id', 'reason']).where('entity_id', '=', c.id).where('action', '=', 'challenge.award').execute();
    expect(event).toEqual({ actor_id: null, reason: 'notice period ended (automatic)' });
  });

  it('leaves the award to the organizer when the challenge left the notice by then', async () => {
    const dept = await makeDepartment(t.db);
    const campaign = await makeCampaign(t.db, { settings: { noticeDays: 1 } });
    const c = await makeChallenge(t.db, campaign.id, dept.id);
    const lead = await makeUser(t.db, { departmentId: dept.id });
    const app = (await call(lead, 'POST', `/challenges/${c.id}/applications`, { proposal: proposal() })).json();
    for (const [url, body] of [
      [`/challenges/${c.id}/transitions`, { action: 'close' }], [`/applications/${app.id}/transitions`, { action: 'qualify' }],
      [`/challenges/${c.id}/transitions`, { action: 'startReview' }], [`/applications/${app.id}/transitions`, { action: 'select' }],
      [`/challenges/${c.id}/transitions`, { action: 'startNotice' }],
    ] as const) expect((await call(organizer, 'POST', url, body)).statusCode).toBe(200);
    t.clock.advance(DAY);
    expect((await call(organizer, 'POST', `/challenges/${c.id}/transitions`, { action: 'award' })).statusCode).toBe(200); // by hand first
    await runDueJobs(t.db, t.clock.now);
    const awards = await t.db.selectFrom('audit_events').select('actor_id').where('entity_id', '=', c.id).where('action', '=', 'challenge.award').execute();
    expect(awards).toEqual([{ actor_id: organizer.id }]); // once, by the organizer
  });
});

/** A challenge in notice with one selected application (its lead) and a qualified rival. */
async function inNotice(noticeDays = 5) {
  const dept = await makeDepartment(t.db);
  const campaign = await makeCampaign(t.db, { settings: { noticeDays } });
  const c = await makeChallenge(t.db, campaign.id, dept.id);
  const lead = await makeUser(t.db, { departmentId: dept.id });
  const rivalLead = await makeUser(t.db, { departmentId: dept.id });
  const app = (await call(lead, 'POST', `/challenges/${c.id}/applications`, { proposal: proposal() })).json();
  const rival = (await call(rivalLead, 'POST', `/challenges/${c.id}/applications`, { proposal: proposal('另一方案') })).json();
  for (const [url, body] of [
    [`/challenges/${c.id}/transitions`, { action: 'close' }], [`/applications/${app.id}/transitions`, { action: 'qualify' }],
    [`/applications/${rival.id}/transitions`, { action: 'qualify' }], [`/challenges/${c.id}/transitions`, { action: 'startReview' }],
    [`/applications/${app.id}/transitions`, { action: 'select' }], [`/challenges/${c.id}/transitions`, { action: 'startNotice' }],
  ] as const) expect((await call(organizer, 'POST', url, body)).statusCode).toBe(200);
  return { c, app, rival, lead };
}

describe('objections (异议) to the notice', () => {
  it('an open objection holds the award; dismissed after the notice ended, the award follows by itself', async () => {
    const { c, app } = await inNotice();
    const colleague = await makeUser(t.db, { name: '提异议的同事' });
    const filed = await call(colleague, 'POST', `/challenges/${c.id}/objections`, { reason: '挂帅人的业绩材料与事实不符' });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ status: 'open', filedBy: { name: '提异议的同事' } });
    await runDueJobs(t.db, t.clock.now);
    expect((await call(organizer, 'GET', '/notifications')).json().items.map((n: { kind: string }) => n.kind)).toContain('objection.filed');
    // The filer sees their own; another employee sees none; the supervisor sees it with the name.
    const stranger = await makeUser(t.db);
    const supervisor = await makeUser(t.db, { roles: ['supervisor'] });
    expect((await call(stranger, 'GET', `/challenges/${c.id}/objections`)).json().items).toEqual([]);
    expect((await call(colleague, 'GET', `/challenges/${c.id}/objections`)).json().items).toHaveLength(1);
    expect((await call(supervisor, 'GET', `/challenges/${c.id}/objections`)).json().items[0].filedBy.name).toBe('提异议的同事');

    t.clock.advance(5 * DAY);
    await runDueJobs(t.db, t.clock.now);
    expect((await call(organizer, 'GET', `/challenges/${c.id}`)).json().status).toBe('notice'); // held
    const byHand = await call(organizer, 'POST', `/challenges/${c.id}/transitions`, { action: 'award' });
    expect(byHand.statusCode).toBe(409);
    expect(byHand.json()).toMatchObject({ rule: 'objection_open', openObjections: 1 });
    const late = await call(stranger, 'POST', `/challenges/${c.id}/objections`, { reason: '太迟了' });
    expect(late.statusCode).toBe(409);
    expect(late.json().rule).toBe('objection_window');

    const dismissed = await call(organizer, 'POST', `/objections/${filed.json().id}/resolve`, { outcome: 'dismiss', answer: '经核实，业绩材料属实' });
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', answer: '经核实，业绩材料属实' });
    expect((await call(organizer, 'POST', `/objections/${filed.json().id}/resolve`, { outcome: 'uphold', answer: '再改' })).json().rule).toBe('objection_answered');
    await runDueJobs(t.db, t.clock.now);
    expect((await call(organizer, 'GET', `/challenges/${c.id}`)).json().status).toBe('awarded');
    expect((await call(organizer, 'GET', `/applications/${app.id}`)).json().status).toBe('selected');
    t.clock.set('2026-06-01T02:00:00.000Z');
  });

  it('upheld, the choice goes back to the decision: the challenge to reviewing, the selected application to qualified', async () => {
    const { c, app, lead } = await inNotice();
    const colleague = await makeUser(t.db);
    const filed = (await call(colleague, 'POST', `/challenges/${c.id}/objections`, { reason: '团队成员同时在另一课题挂帅' })).json();
    // The lead cannot answer an objection about their own selection, even as an organizer.
    await setRoles(t.db, lead.id, ['employee', 'organizer']);
    const own = await call(lead, 'POST', `/objections/${filed.id}/resolve`, { outcome: 'dismiss', answer: '没问题' });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('recusal');
    const bad = await call(organizer, 'POST', `/objections/${filed.id}/resolve`, { outcome: 'uphold', answer: '   ' });
    expect(bad.statusCode).toBe(400);
    const upheld = await call(organizer, 'POST', `/objections/${filed.id}/resolve`, { outcome: 'uphold', answer: '情况属实，重新评选' });
    expect(upheld.statusCode, upheld.body).toBe(200);
    expect((await call(organizer, 'GET', `/challenges/${c.id}`)).json().status).toBe('reviewing');
    expect((await call(organizer, 'GET', `/applications/${app.id}`)).json().status).toBe('qualified');
    // reconsider is not a transition anyone asks for.
    const direct = await call(organizer, 'POST', `/challenges/${c.id}/transitions`, { action: 'reconsider', reason: 'x' });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().rule).toBe('via_objection');
    // A new notice gets its own automatic award.
    expect((await call(organizer, 'POST', `/applications/${app.id}/transitions`, { action: 'select' })).statusCode).toBe(200);
    expect((await call(organizer, 'POST', `/challenges/${c.id}/transitions`, { action: 'startNotice' })).statusCode).toBe(200);
    t.clock.advance(5 * DAY);
    await runDueJobs(t.db, t.clock.now);
    expect((await call(organizer, 'GET', `/challenges/${c.id}`)).json().status).toBe('awarded');
    t.clock.set('2026-06-01T02:00:00.000Z');
  });
});
