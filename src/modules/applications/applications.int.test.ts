import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testClock, type TestApp } from '../../../test/support/app.ts';
import { makeDepartment, makeUser, type TestUser } from '../../../test/support/factories.ts';
import { countRows, makeCampaign, makeChallenge, proposal, setChallengeStatus } from './test-helpers.ts';

let t: TestApp;
let dept: { id: string; name: string };
let campaignId: string;
let organizer: TestUser;

const apply = (who: TestUser, challengeId: string, payload: object = { proposal: proposal() }) =>
  t.app.inject({ method: 'POST', url: `/api/v1/challenges/${challengeId}/applications`, headers: who.auth, payload });
const act = (who: TestUser, id: string, action: string, reason?: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/transitions`, headers: who.auth, payload: { action, ...(reason ? { reason } : {}) } });
const get = (who: TestUser, id: string) => t.app.inject({ method: 'GET', url: `/api/v1/applications/${id}`, headers: who.auth });
const challenge = (opts: Parameters<typeof makeChallenge>[3] = {}) => makeChallenge(t.db, campaignId, dept.id, opts);

beforeAll(async () => {
  t = await testApp({ clock: testClock('2026-06-01T02:00:00.000Z') });
  dept = await makeDepartment(t.db);
  campaignId = (await makeCampaign(t.db)).id;
  organizer = await makeUser(t.db, { roles: ['organizer'] });
});

describe('applying', () => {
  it('a person applies alone; the application is submitted and counted on the challenge', async () => {
    const lead = await makeUser(t.db, { departmentId: dept.id });
    const c = await challenge();
    const res = await apply(lead, c.id);
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ challengeId: c.id, challengeTitle: c.title, campaignId, status: 'submitted', members: [], proposal: proposal() });
    expect(a.lead).toMatchObject({ id: lead.id, name: lead.name });
    expect(a.lead.departmentName).toBe(dept.name);
    expect(a.submittedAt).toBe('2026-06-01T02:00:00.000Z');
    expect(a.allowedActions).toEqual(['edit', 'withdraw']);
    const row = await t.db.selectFrom('challenges').select('applicant_count').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.applicant_count).toBe(1);
    const audit = await t.db.selectFrom('audit_events').selectAll().where('entity_id', '=', a.id).execute();
    expect(audit.map((e) => e.action)).toEqual(['application.create']);
    // The lead may not claim the same challenge twice.
    const again = await apply(lead, c.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().rule).toBe('onePerChallenge');
  });

  it('members are invited, then confirm or decline; only the invited person may answer', async () => {
    const [lead, m1, m2, stranger] = await Promise.all([makeUser(t.db), makeUser(t.db), makeUser(t.db), makeUser(t.db)]);
    const c = await challenge();
    const res = await apply(lead, c.id, { proposal: proposal(), memberIds: [m1.id, m2.id] });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect(res.json().members).toEqual([{ id: m1.id, name: m1.name, status: 'invited' }, { id: m2.id, name: m2.name, status: 'invited' }].sort((x, y) => x.id.localeCompare(y.id)));
    expect((await get(m1, id)).json().allowedActions).toEqual(['confirmMembership', 'declineMembership']);
    expect((await get(stranger, id)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/members/me/confirm`, headers: lead.auth })).statusCode).toBe(403);

    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/members/me/confirm`, headers: m1.auth });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().members.find((m: any) => m.id === m1.id).status).toBe('confirmed');
    expect(ok.json().allowedActions).toEqual([]);
    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/members/me/confirm`, headers: m1.auth });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'invalid_transition', currentState: 'confirmed' });
    const no = await t.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/members/me/decline`, headers: m2.auth });
    expect(no.json().members.find((m: any) => m.id === m2.id).status).toBe('declined');
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/applications?mine=1', headers: m1.auth });
    expect(mine.json().items.map((a: any) => a.id)).toEqual([id]);
  });

  it('a draft may be incomplete and prepared before the window opens; submitting needs the whole proposal', async () => {
    const lead = await makeUser(t.db);
    const early = await makeCampaign(t.db, { applyFrom: '2026-06-10T00:00:00.000Z' });
    const c = await makeChallenge(t.db, early.id, dept.id);
    const draft = await apply(lead, c.id, { proposal: { summary: '初步设想', approach: '', plan: '', expectedResults: '' }, draft: true });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'draft', submittedAt: null });
    expect(draft.json().allowedActions).toEqual(['edit', 'withdraw']); // no submit before applyFrom
    const id = draft.json().id;
    const tooEarly = await act(lead, id, 'submit');
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().rule).toBe('applicationWindow');
    t.clock.set('2026-06-10T00:00:00.000Z');
    try {
      const incomplete = await act(lead, id, 'submit');
      expect(incomplete.statusCode).toBe(409);
      expect(incomplete.json().rule).toBe('proposalComplete');
      expect(incomplete.json().errors.map((e: any) => e.path)).toEqual(['proposal.approach', 'proposal.plan', 'proposal.expectedResults']);
      const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/applications/${id}`, headers: lead.auth, payload: { proposal: proposal('完整方案') } });
      expect(patched.statusCode).toBe(200);
      const sent = await act(lead, id, 'submit');
      expect(sent.statusCode).toBe(200);
      expect(sent.json()).toMatchObject({ status: 'submitted', submittedAt: '2026-06-10T00:00:00.000Z' });
    } finally {
      t.clock.set('2026-06-01T02:00:00.000Z');
    }
  });

  it('edit and withdraw before the deadline; both refused after it', async () => {
    const [lead, m1, m2] = await Promise.all([makeUser(t.db), makeUser(t.db), makeUser(t.db)]);
    const c = await challenge({ apply_until: '2026-06-05T00:00:00.000Z' }); // the challenge's own deadline wins
    const first = (await apply(lead, c.id, { proposal: proposal(), memberIds: [m1.id] })).json();
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/v1/applications/${first.id}`, headers: lead.auth, payload: { proposal: { plan: '新计划' }, memberIds: [m2.id] } });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().proposal.plan).toBe('新计划');
    expect(edit.json().members.map((m: any) => m.id)).toEqual([m2.id]);
    const emptied = await t.app.inject({ method: 'PATCH', url: `/api/v1/applications/${first.id}`, headers: lead.auth, payload: { proposal: { plan: ' ' } } });
    expect(emptied.statusCode).toBe(400); // a submitted proposal stays complete
    expect(emptied.json().errors).toEqual([{ path: 'body.proposal.plan', message: 'must not be empty when the application is submitted', code: 'required' }]);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/applications/${first.id}`, headers: m2.auth, payload: { proposal: { plan: 'x' } } })).statusCode).toBe(403);

    t.clock.set('2026-06-05T00:00:00.000Z');
    try {
      const late = await t.app.inject({ method: 'PATCH', url: `/api/v1/applications/${first.id}`, headers: lead.auth, payload: { proposal: { plan: '再改' } } });
      expect(late.statusCode).toBe(409);
      expect(late.json().rule).toBe('applicationWindow');
      const lateWithdraw = await act(lead, first.id, 'withdraw');
      expect(lateWithdraw.statusCode).toBe(409);
      expect(lateWithdraw.json().rule).toBe('applicationWindow');
      expect((await get(lead, first.id)).json().allowedActions).toEqual([]);
    } finally {
      t.clock.set('2026-06-01T02:00:00.000Z');
    }
    const w = await act(lead, first.id, 'withdraw', '另有安排');
    expect(w.json()).toMatchObject({ status: 'withdrawn', statusReason: '另有安排' });
    const row = await t.db.selectFrom('challenges').select('applicant_count').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.applicant_count).toBe(0);
    expect((await apply(lead, c.id)).statusCode).toBe(201); // withdrawn does not count as one per challenge
  });

  it('refuses outside the window (before applyFrom, after the deadline) and on a challenge not published', async () => {
    const lead = await makeUser(t.db);
    const later = await makeCampaign(t.db, { applyFrom: '2026-06-15T00:00:00.000Z', applyUntil: '2026-07-15T00:00:00.000Z' });
    const before = await apply(lead, (await makeChallenge(t.db, later.id, dept.id)).id);
    expect(before.statusCode).toBe(409);
    expect(before.json()).toMatchObject({ code: 'rule_violation', rule: 'applicationWindow', applyFrom: '2026-06-15T00:00:00.000Z' });
    const past = await makeCampaign(t.db, { applyFrom: '2026-05-01T00:00:00.000Z', applyUntil: '2026-06-01T02:00:00.000Z' });
    const after = await apply(lead, (await makeChallenge(t.db, past.id, dept.id)).id);
    expect(after.statusCode).toBe(409);
    expect(after.json()).toMatchObject({ rule: 'applicationWindow', deadline: '2026-06-01T02:00:00.000Z' });
    const closed = await apply(lead, (await challenge({ status: 'closed' })).id);
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ rule: 'challengeStatus', challengeStatus: 'closed' });
    expect((await apply(lead, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('per-person limits and team rules', () => {
  it('a second application as lead is refused with maxActiveLeads until the first is withdrawn', async () => {
    const lead = await makeUser(t.db);
    const a = (await apply(lead, (await challenge()).id)).json();
    const second = await apply(lead, (await challenge()).id);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ rule: 'maxActiveLeads', limit: 1, current: 1 });
    expect(second.json().detail).toContain('每人同时只能挂帅 1 个课题');
    // A draft does not count and may be kept; submitting it meets the same rule.
    const draft = await apply(lead, (await challenge()).id, { proposal: proposal(), draft: true });
    expect(draft.statusCode).toBe(201);
    expect((await act(lead, draft.json().id, 'submit')).json().rule).toBe('maxActiveLeads');
    await act(lead, a.id, 'withdraw');
    expect((await act(lead, draft.json().id, 'submit')).statusCode).toBe(200);
  });

  it('a fourth team membership is refused; confirming re-checks the limit', async () => {
    const member = await makeUser(t.db);
    for (let i = 0; i < 3; i++) expect((await apply(await makeUser(t.db), (await challenge()).id, { proposal: proposal(), memberIds: [member.id] })).statusCode).toBe(201);
    const fourth = await apply(await makeUser(t.db), (await challenge()).id, { proposal: proposal(), memberIds: [member.id] });
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json()).toMatchObject({ rule: 'maxMemberships', limit: 3, current: 3, userId: member.id });

    // A campaign allowing one team: invited there first, then to a team elsewhere; confirming fails.
    const strict = await makeCampaign(t.db, { settings: { maxMemberships: 1 } });
    const other = await makeUser(t.db);
    const inStrict = (await apply(await makeUser(t.db), (await makeChallenge(t.db, strict.id, dept.id)).id, { proposal: proposal(), memberIds: [other.id] })).json();
    expect((await apply(await makeUser(t.db), (await challenge()).id, { proposal: proposal(), memberIds: [other.id] })).statusCode).toBe(201);
    const confirm = await t.app.inject({ method: 'POST', url: `/api/v1/applications/${inStrict.id}/members/me/confirm`, headers: other.auth });
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json()).toMatchObject({ rule: 'maxMemberships', limit: 1, current: 1 });
  });

  it('team size counts the lead and invited or confirmed members', async () => {
    const c = await challenge({ team_size_min: 2, team_size_max: 3 });
    const lead = await makeUser(t.db);
    const alone = await apply(lead, c.id);
    expect(alone.statusCode).toBe(409);
    expect(alone.json()).toMatchObject({ rule: 'teamSize', min: 2, max: 3, current: 1 });
    const ms = await Promise.all([makeUser(t.db), makeUser(t.db), makeUser(t.db)]);
    const big = await apply(lead, c.id, { proposal: proposal(), memberIds: ms.map((m) => m.id) });
    expect(big.json()).toMatchObject({ rule: 'teamSize', current: 4 });
    expect((await apply(lead, c.id, { proposal: proposal(), memberIds: [ms[0].id] })).statusCode).toBe(201);
  });

  it('eligibility: party members only, youth only, a department and its sub-departments', async () => {
    const party = await challenge({ eligibility: { politicalStatuses: ['party_member', 'probationary'] } });
    const refused = await apply(await makeUser(t.db, { politicalStatus: 'league_member' }), party.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ rule: 'eligibility', criterion: 'politicalStatuses' });
    expect(refused.json().detail).toContain('中共党员');
    expect((await apply(await makeUser(t.db, { politicalStatus: 'party_member' }), party.id)).statusCode).toBe(201);

    const youth = await challenge({ eligibility: { youthOnly: true } });
    const old = await apply(await makeUser(t.db, { birthYear: 1990 }), youth.id); // 36 in 2026
    expect(old.json()).toMatchObject({ rule: 'eligibility', criterion: 'youthOnly' });
    expect((await apply(await makeUser(t.db, { birthYear: 1991 }), youth.id)).statusCode).toBe(201); // 35

    const parent = await makeDepartment(t.db);
    const child = await makeDepartment(t.db, undefined, parent.id);
    const scoped = await challenge({ eligibility: { departmentIds: [parent.id] } });
    expect((await apply(await makeUser(t.db, { departmentId: dept.id }), scoped.id)).json().criterion).toBe('departmentIds');
    expect((await apply(await makeUser(t.db, { departmentId: child.id }), scoped.id)).statusCode).toBe(201);
  });

  it('bad input names each field and writes nothing', async () => {
    const lead = await makeUser(t.db);
    const disabled = await makeUser(t.db);
    await t.db.updateTable('users').set({ disabled: 1 }).where('id', '=', disabled.id).execute();
    const c = await challenge();
    const before = await countRows(t.db);
    const shape = await apply(lead, c.id, { proposal: { summary: '', plan: 5 }, memberIds: ['nope'], extra: 1 });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().errors.map((e: any) => e.path).sort()).toEqual([
      'body.extra', 'body.memberIds.0', 'body.proposal.approach', 'body.proposal.expectedResults', 'body.proposal.plan', 'body.proposal.summary',
    ]);
    const refs = await apply(lead, c.id, {
      proposal: { ...proposal(), approach: '  ' },
      memberIds: [lead.id, '00000000-0000-4000-8000-000000000000', disabled.id],
    });
    expect(refs.statusCode).toBe(400);
    expect(refs.json().errors).toEqual([
      { path: 'body.proposal.approach', message: 'must not be empty when the application is submitted', code: 'required' },
      { path: 'body.memberIds.0', message: 'is the lead, who cannot also be a member', code: 'lead_as_member' },
      { path: 'body.memberIds.1', message: 'is not a known user', code: 'unknown_reference' },
      { path: 'body.memberIds.2', message: 'is a disabled user', code: 'disabled_user' },
    ]);
    const dup = await apply(lead, c.id, { proposal: proposal(), memberIds: [disabled.id, disabled.id] });
    expect(dup.statusCode).toBe(400);
    const badAction = await act(lead, '00000000-0000-4000-8000-000000000000', 'promote');
    expect(badAction.json().errors[0].path).toBe('body.action');
    expect(await countRows(t.db)).toEqual(before);
  });
});

describe('who sees what', () => {
  it('staff see all; the sponsor department sees its challenge\'s applications once it has closed', async () => {
    const sponsorDept = await makeDepartment(t.db);
    const sub = await makeDepartment(t.db, undefined, sponsorDept.id);
    const sponsor = await makeUser(t.db, { roles: ['sponsor'], departmentId: sponsorDept.id });
    const supervisor = await makeUser(t.db, { roles: ['supervisor'] });
    const c = await makeChallenge(t.db, campaignId, sub.id);
    const a = (await apply(await makeUser(t.db), c.id)).json();
    expect((await get(sponsor, a.id)).statusCode).toBe(404);
    expect((await get(supervisor, a.id)).json().allowedActions).toEqual([]);
    expect((await get(organizer, a.id)).statusCode).toBe(200);
    await setChallengeStatus(t.db, c.id, 'closed');
    expect((await get(sponsor, a.id)).statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/applications?challengeId=${c.id}&status=submitted`, headers: sponsor.auth });
    expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/applications?challengeId=${c.id}`, headers: (await makeUser(t.db)).auth });
    expect(other.json().total).toBe(0);
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/applications?pageSize=100', headers: organizer.auth });
    expect(all.json().total).toBeGreaterThan(10);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/applications' })).statusCode).toBe(401);
  });
});

