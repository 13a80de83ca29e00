// Notifications through the app: the events of today's areas reach the people concerned (after
// the outbox job ran), each reads only their own, in their language, and marks them read.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testClock, type TestApp } from '../../../test/support/app.ts';
import { makeDepartment, makeUser, type TestUser } from '../../../test/support/factories.ts';
import { runDueJobs } from '../../core/jobs.ts';
import { makeCampaign, makeChallenge, proposal, setChallengeStatus } from '../applications/test-helpers.ts';

let t: TestApp;
let dept: { id: string };
let campaignId: string;
let organizer: TestUser;

const call = (who: TestUser, method: 'GET' | 'POST', url: string, payload?: object, lang?: string) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...who.auth, ...(lang ? { 'accept-language': lang } : {}) }, ...(payload ? { payload } : {}) });
const deliver = () => runDueJobs(t.db, t.clock.now);
const unread = async (who: TestUser) => (await call(who, 'GET', '/notifications/unread-count')).json().unread as number;

beforeAll(async () => {
  t = await testApp({ clock: testClock('2026-06-01T02:00:00.000Z') });
  dept = await makeDepartment(t.db);
  campaignId = (await makeCampaign(t.db)).id;
  organizer = await makeUser(t.db, { roles: ['organizer'] });
});

describe('notifications', () => {
  it('an invited member is told after the outbox job ran, opens it, and the lead hears of the answer', async () => {
    const lead = await makeUser(t.db, { departmentId: dept.id, name: '李挂帅' });
    const member = await makeUser(t.db, { departmentId: dept.id });
    const c = await makeChallenge(t.db, campaignId, dept.id);
    const app = (await call(lead, 'POST', `/challenges/${c.id}/applications`, { proposal: proposal(), memberIds: [member.id] })).json();
    expect(await unread(member)).toBe(0); // the job has not run yet: written in the transaction, delivered after
    await deliver();
    expect(await unread(member)).toBe(1);
    const page = (await call(member, 'GET', '/notifications')).json();
    expect(page).toMatchObject({ total: 1, unread: 1 });
    const [n] = page.items;
    expect(n).toMatchObject({ kind: 'team.invited', entity: 'application', entityId: app.id, readAt: null, link: `/me?application=${app.id}` });
    expect(n.text).toBe(`李挂帅 邀请你加入「${c.title}」的揭榜团队`);
    expect((await call(member, 'GET', '/notifications', undefined, 'en')).json().items[0].text).toBe(`李挂帅 invited you to their team for “${c.title}”`);
    expect((await call(member, 'GET', '/notifications', undefined, 'zh-TW')).json().items[0].text).toContain('邀請你加入');

    const read = await call(member, 'POST', `/notifications/${n.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe('2026-06-01T02:00:00.000Z');
    expect(await unread(member)).toBe(0);

    expect((await call(member, 'POST', `/applications/${app.id}/members/me/confirm`)).statusCode).toBe(200);
    await deliver();
    const told = (await call(lead, 'GET', '/notifications?unread=1')).json().items;
    expect(told.map((x: { kind: string }) => x.kind)).toEqual(['team.confirmed']);
  });

  it('nobody reads or marks another person’s notifications, and nobody is told of their own action', async () => {
    const lead = await makeUser(t.db, { departmentId: dept.id });
    const member = await makeUser(t.db, { departmentId: dept.id });
    const stranger = await makeUser(t.db);
    const c = await makeChallenge(t.db, campaignId, dept.id);
    await call(lead, 'POST', `/challenges/${c.id}/applications`, { proposal: proposal(), memberIds: [member.id] });
    await deliver();
    const [n] = (await call(member, 'GET', '/notifications')).json().items;
    expect((await call(stranger, 'POST', `/notifications/${n.id}/read`)).statusCode).toBe(404);
    expect((await call(stranger, 'GET', '/notifications')).json().total).toBe(0);
    expect((await call(lead, 'GET', '/notifications')).json().total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it('the lead and the team hear the decisions; mark all read empties the bell', async () => {
    const lead = await makeUser(t.db, { departmentId: dept.id });
    const member = await makeUser(t.db, { departmentId: dept.id });
    const c = await makeChallenge(t.db, campaignId, dept.id);
    const app = (await call(lead, 'POST', `/challenges/${c.id}/applications`, { proposal: proposal(), memberIds: [member.id] })).json();
    await call(member, 'POST', `/applications/${app.id}/members/me/confirm`);
    await setChallengeStatus(t.db, c.id, 'closed');
    t.clock.advance(60_000); // newest first: the decision comes after the invitation
    expect((await call(organizer, 'POST', `/applications/${app.id}/transitions`, { action: 'disqualify', reason: '不满足揭榜条件' })).statusCode).toBe(200);
    await deliver();
    const kinds = async (who: TestUser) => (await call(who, 'GET', '/notifications')).json().items.map((x: { kind: string }) => x.kind);
    expect(await kinds(lead)).toEqual(['application.disqualified', 'team.confirmed']);
    expect(await kinds(member)).toEqual(['application.disqualified', 'team.invited']);
    const [d] = (await call(lead, 'GET', '/notifications')).json().items;
    expect(d.text).toBe(`你对「${c.title}」的揭榜未通过资格审查：不满足揭榜条件`);
    expect((await call(lead, 'POST', '/notifications/read-all')).json()).toEqual({ marked: 2, unread: 0 });
    expect(await unread(lead)).toBe(0);
  });

  it('a sponsor whose draft is returned is told with the comment', async () => {
    const sponsor = await makeUser(t.db, { departmentId: dept.id, roles: ['sponsor'] });
    const draft = await makeChallenge(t.db, campaignId, dept.id, { status: 'submitted', created_by: sponsor.id });
    expect((await call(organizer, 'POST', `/challenges/${draft.id}/transitions`, { action: 'return', reason: '请补充考核指标' })).statusCode).toBe(200);
    await deliver();
    const [n] = (await call(sponsor, 'GET', '/notifications')).json().items;
    expect(n).toMatchObject({ kind: 'challenge.returned', entity: 'challenge', entityId: draft.id, link: `/challenges/${draft.id}`, params: { title: draft.title, reason: '请补充考核指标' } });
  });
});
