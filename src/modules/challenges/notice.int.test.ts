// 公示: the notice shows who was chosen, with which team and until when; when it ends clean the
// award follows by itself (a job at that moment), through the same transition as the organizer's.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testClock, type TestApp } from '../../../test/support/app.ts';
import { makeDepartment, makeUser, type TestUser } from '../../../test/support/factories.ts';
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
    expect(seen.awardedLeads).toEqual([{ id: lead.id, name: '林挂帅', departmentName: '数字化中心', members: [{ id: member.id, name: '周成员' }] }]);

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
