import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { makeDepartment, makeUser, type TestUser } from '../../../test/support/factories.ts';
import { makeCampaign, makeChallenge, proposal } from './test-helpers.ts';

// Challenges are inserted published (test-helpers) and then moved through the challenges
// area's own HTTP transitions (close, startReview, award), as an organizer would.

let t: TestApp;
let dept: { id: string };
let organizer: TestUser;

const apply = async (challengeId: string) => {
  const lead = await makeUser(t.db);
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/challenges/${challengeId}/applications`, headers: lead.auth, payload: { proposal: proposal() } });
  expect(res.statusCode).toBe(201);
  return { lead, id: res.json().id as string };
};
const act = (who: TestUser, id: string, action: string, reason?: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/transitions`, headers: who.auth, payload: { action, ...(reason !== undefined ? { reason } : {}) } });
const moveChallenge = async (id: string, action: string) => {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/challenges/${id}/transitions`, headers: organizer.auth, payload: { action } });
  expect(res.statusCode, res.body).toBe(200);
};
const actionsOf = async (who: TestUser, id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/applications/${id}`, headers: who.auth })).json().allowedActions;
const applicantCount = async (challengeId: string) =>
  (await t.db.selectFrom('challenges').select('applicant_count').where('id', '=', challengeId).executeTakeFirstOrThrow()).applicant_count;

beforeAll(async () => {
  t = await testApp();
  dept = await makeDepartment(t.db);
  organizer = await makeUser(t.db, { roles: ['organizer'] });
});

describe('eligibility check and selection by the organizer', () => {
  it('qualify / disqualify after closing, select while reviewing, the rest not_selected at award', async () => {
    const campaign = await makeCampaign(t.db, { settings: { noticeDays: 0 } });
    const c = await makeChallenge(t.db, campaign.id, dept.id);
    const [a, b, x] = [await apply(c.id), await apply(c.id), await apply(c.id)];
    expect(await applicantCount(c.id)).toBe(3);

    const early = await act(organizer, a.id, 'qualify');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ rule: 'challengeStatus', challengeStatus: 'published' });
    expect(await actionsOf(organizer, a.id)).toEqual([]);
    await moveChallenge(c.id, 'close');

    const byLead = await act(a.lead, a.id, 'qualify');
    expect(byLead.statusCode).toBe(403);
    expect(byLead.json().requiredRoles).toEqual(['organizer']);
    expect(await actionsOf(organizer, a.id)).toEqual(['qualify', 'disqualify']);
    expect((await act(organizer, a.id, 'qualify')).json().status).toBe('qualified');
    expect((await act(organizer, b.id, 'qualify')).json().status).toBe('qualified');
    const noReason = await act(organizer, x.id, 'disqualify');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ path: 'body.reason', message: 'is required to disqualify', code: 'required' }]);
    const out = await act(organizer, x.id, 'disqualify', '不满足揭榜条件：无相关业绩');
    expect(out.json()).toMatchObject({ status: 'disqualified', statusReason: '不满足揭榜条件：无相关业绩' });
    expect(await applicantCount(c.id)).toBe(2);
    const twice = await act(organizer, x.id, 'qualify');
    expect(twice.json()).toMatchObject({ code: 'invalid_transition', currentState: 'disqualified', allowedActions: [] });

    const tooSoon = await act(organizer, a.id, 'select');
    expect(tooSoon.json()).toMatchObject({ rule: 'challengeStatus', challengeStatus: 'closed' });
    await moveChallenge(c.id, 'startReview');
    expect((await act(organizer, a.id, 'select')).json().status).toBe('selected');
    expect(await actionsOf(organizer, b.id)).toEqual(['reject']); // the one place is taken
    const overLimit = await act(organizer, b.id, 'select');
    expect(overLimit.statusCode).toBe(409);
    expect(overLimit.json()).toMatchObject({ rule: 'raceWinners', limit: 1, current: 1 });

    await moveChallenge(c.id, 'award');
    const rest = await t.app.inject({ method: 'GET', url: `/api/v1/applications/${b.id}`, headers: b.lead.auth });
    expect(rest.json().status).toBe('not_selected');

    const audit = await t.db.selectFrom('audit_events').selectAll().where('entity_id', '=', x.id).orderBy('seq').execute();
    const dq = audit.find((e) => e.action === 'application.disqualify')!;
    expect(JSON.parse(dq.before!)).toMatchObject({ status: 'submitted' });
    expect(JSON.parse(dq.after!)).toMatchObject({ status: 'disqualified' });
    expect(dq.reason).toBe('不满足揭榜条件：无相关业绩');
    expect(dq.actor_id).toBe(organizer.id);
  });

  it('race mode (赛马) selects up to raceWinners teams; the organizer may reject the others', async () => {
    const campaign = await makeCampaign(t.db, { settings: { noticeDays: 0 } });
    const c = await makeChallenge(t.db, campaign.id, dept.id, { race_winners: 2 });
    const apps = [await apply(c.id), await apply(c.id), await apply(c.id)];
    await moveChallenge(c.id, 'close');
    for (const a of apps) await act(organizer, a.id, 'qualify');
    await moveChallenge(c.id, 'startReview');
    expect((await act(organizer, apps[0].id, 'select')).json().status).toBe('selected');
    expect((await act(organizer, apps[1].id, 'select')).json().status).toBe('selected');
    expect((await act(organizer, apps[2].id, 'select')).json()).toMatchObject({ rule: 'raceWinners', limit: 2, current: 2 });
    const rejected = await act(organizer, apps[2].id, 'reject', '综合评定排名第三');
    expect(rejected.json()).toMatchObject({ status: 'not_selected', statusReason: '综合评定排名第三' });
    expect(await applicantCount(c.id)).toBe(2);
  });

  it('after the award the board names each chosen team of a race: every lead with the members who confirmed, in the order they applied', async () => {
    const campaign = await makeCampaign(t.db, { settings: { noticeDays: 0 } });
    const c = await makeChallenge(t.db, campaign.id, dept.id, { race_winners: 2 });
    const [m1, m2, m3] = [await makeUser(t.db, { name: '甲成员' }), await makeUser(t.db, { name: '乙成员' }), await makeUser(t.db, { name: '丙成员' })];
    const applyWith = async (memberIds: string[]) => {
      const lead = await makeUser(t.db);
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/challenges/${c.id}/applications`, headers: lead.auth, payload: { proposal: proposal(), memberIds } });
      expect(res.statusCode, res.body).toBe(201);
      return { lead, id: res.json().id as string };
    };
    const team = await applyWith([m1.id, m2.id, m3.id]);
    t.clock.advance(60_000);
    const alone = await applyWith([]);
    const third = await apply(c.id);
    for (const m of [m2, m1]) expect((await t.app.inject({ method: 'POST', url: `/api/v1/applications/${team.id}/members/me/confirm`, headers: m.auth })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/applications/${team.id}/members/me/decline`, headers: m3.auth })).statusCode).toBe(200);
    await moveChallenge(c.id, 'close');
    for (const a of [team, alone, third]) await act(organizer, a.id, 'qualify');
    await moveChallenge(c.id, 'startReview');
    for (const a of [alone, team]) expect((await act(organizer, a.id, 'select')).statusCode).toBe(200);
    await moveChallenge(c.id, 'award');
    const reader = await makeUser(t.db);
    const shown = (await t.app.inject({ url: `/api/v1/challenges/${c.id}`, headers: reader.auth })).json();
    // Invited together (one moment: no order among them); 丙 declined.
    expect(shown.awardedLeads.map((l: { id: string; members: Array<{ name: string }> }) => [l.id, l.members.map((m) => m.name).sort()])).toEqual([
      [team.lead.id, ['乙成员', '甲成员'].sort()],
      [alone.lead.id, []],
    ]);
  });

  it('a campaign that requires a review round refuses selection until the leaders approve a decision after the review (the whole path: review.int.test.ts)', async () => {
    const campaign = await makeCampaign(t.db, { settings: { reviewRequired: true } });
    const c = await makeChallenge(t.db, campaign.id, dept.id);
    const a = await apply(c.id);
    await moveChallenge(c.id, 'close');
    await act(organizer, a.id, 'qualify');
    await moveChallenge(c.id, 'startReview');
    expect(await actionsOf(organizer, a.id)).toEqual(['reject']);
    const res = await act(organizer, a.id, 'select');
    expect(res.statusCode).toBe(409);
    expect(res.json().rule).toBe('reviewRequired');
    expect(res.json().detail).toBe('本活动要求先完成专家评审，并由领导审批评选决定，才能选定揭榜方');
  });
});
