// 回避: nobody decides anything in which they are lead or team member — whatever their role.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testClock, type TestApp } from '../../../test/support/app.ts';
import { makeDepartment, makeUser, type TestUser } from '../../../test/support/factories.ts';
import { makeCampaign, makeChallenge, proposal, setChallengeStatus } from './test-helpers.ts';

let t: TestApp;
let dept: { id: string };
let campaignId: string;
let organizer: TestUser;

const call = (who: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.auth, ...(payload ? { payload } : {}) });
const act = (who: TestUser, id: string, action: string, reason?: string) => call(who, 'POST', `/applications/${id}/transitions`, { action, ...(reason ? { reason } : {}) });

beforeAll(async () => {
  t = await testApp({ clock: testClock('2026-06-01T02:00:00.000Z') });
  dept = await makeDepartment(t.db);
  campaignId = (await makeCampaign(t.db, { settings: { noticeDays: 0 } })).id;
  organizer = await makeUser(t.db, { roles: ['organizer'] });
});

describe('recusal', () => {
  it('an organizer who leads an application may not check, select or award it; another organizer may', async () => {
    const leadingOrganizer = await makeUser(t.db, { roles: ['organizer'], departmentId: dept.id });
    const c = await makeChallenge(t.db, campaignId, dept.id);
    const app = (await call(leadingOrganizer, 'POST', `/challenges/${c.id}/applications`, { proposal: proposal() })).json();
    await setChallengeStatus(t.db, c.id, 'closed');

    expect((await call(leadingOrganizer, 'GET', `/applications/${app.id}`)).json().allowedActions).not.toContain('qualify');
    const refused = await act(leadingOrganizer, app.id, 'qualify');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'recusal' });
    expect(refused.json().detail).toContain('回避');
    expect((await call(organizer, 'GET', `/applications/${app.id}`)).json().allowedActions).toContain('qualify');
    expect((await act(organizer, app.id, 'qualify')).statusCode).toBe(200);

    expect((await call(organizer, 'POST', `/challenges/${c.id}/transitions`, { action: 'startReview' })).statusCode).toBe(200);
    expect((await act(leadingOrganizer, app.id, 'select')).json().code).toBe('recusal');
    expect((await act(organizer, app.id, 'select')).statusCode).toBe(200);
    // Awarding the challenge is a decision too.
    expect((await call(leadingOrganizer, 'GET', `/challenges/${c.id}`)).json().allowedActions).not.toContain('award');
    const award = await call(leadingOrganizer, 'POST', `/challenges/${c.id}/transitions`, { action: 'award' });
    expect([award.statusCode, award.json().code]).toEqual([403, 'recusal']);
    expect((await call(organizer, 'GET', `/challenges/${c.id}`)).json().allowedActions).toContain('award');
    expect((await call(organizer, 'POST', `/challenges/${c.id}/transitions`, { action: 'award' })).json().status).toBe('awarded');
    // Nothing was written by the refused requests.
    const events = await t.db.selectFrom('audit_events').select('actor_id').where('entity_id', 'in', [c.id, app.id]).where('actor_id', '=', leadingOrganizer.id).execute();
    expect(events.length).toBe(1); // the application they created, nothing else
  });

  it('a team member (invited or confirmed) steps aside as well', async () => {
    const memberOrganizer = await makeUser(t.db, { roles: ['organizer'], departmentId: dept.id });
    const lead = await makeUser(t.db, { departmentId: dept.id });
    const c = await makeChallenge(t.db, campaignId, dept.id);
    const app = (await call(lead, 'POST', `/challenges/${c.id}/applications`, { proposal: proposal(), memberIds: [memberOrganizer.id] })).json();
    await setChallengeStatus(t.db, c.id, 'closed');
    expect((await act(memberOrganizer, app.id, 'disqualify', '不满足条件')).json().code).toBe('recusal');
    await call(memberOrganizer, 'POST', `/applications/${app.id}/members/me/decline`);
    // Having declined, they have no stake any more.
    expect((await act(memberOrganizer, app.id, 'qualify')).statusCode).toBe(200);
  });
});
