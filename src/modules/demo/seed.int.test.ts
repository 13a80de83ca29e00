import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { verifyChain } from '../audit/service.ts';
import { CHALLENGES } from './challenges.ts';
import { BATCH } from './execution.ts';
import { APPLICATIONS, CAMPAIGN, DEMO_PASSWORD, EMPLOYEES, ROLE_PEOPLE } from './data.ts';
import { seedDemo } from './seed.ts';

let t: TestApp;
let first: { created: boolean; summary: string };

/** Sign in through the API as a demo person; returns the session cookie and CSRF token. */
async function signIn(login: string, password = DEMO_PASSWORD) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } });
  const cookie = [res.headers['set-cookie'] ?? []].flat().map((c) => String(c).split(';')[0]).join('; ');
  return { res, headers: { cookie, 'x-csrf-token': res.statusCode === 200 ? res.json().csrfToken : '' } };
}

beforeAll(async () => {
  t = await testApp();
  first = await seedDemo(t.db, t.clock.now);
});

describe('demo data', () => {
  it('loads once; a second run changes nothing', async () => {
    expect(first.created).toBe(true);
    expect(first.summary).toContain(DEMO_PASSWORD);
    const events = async () => Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await events();
    const again = await seedDemo(t.db, t.clock.now);
    expect(again.created).toBe(false);
    expect(await events()).toBe(before);
    const campaigns = await t.db.selectFrom('campaigns').select('id').where('name', '=', CAMPAIGN.name).execute();
    expect(campaigns).toHaveLength(1);
  });

  it('demo people sign in with the demo password, and only with it', async () => {
    const ok = await signIn('zhangwei');
    expect(ok.res.statusCode).toBe(200);
    expect(ok.res.json().user.name).toBe('张伟');
    expect((await signIn('organizer', 'not-the-password')).res.statusCode).toBe(401);
    // The shared hash reached everyone, not only the first person created.
    const hashes = await t.db.selectFrom('users').select('password_hash').where('login', 'in', [...ROLE_PEOPLE, ...EMPLOYEES].map((p) => p.login)).execute();
    expect(hashes).toHaveLength(ROLE_PEOPLE.length + EMPLOYEES.length);
    expect(new Set(hashes.map((h) => h.password_hash)).size).toBe(1);
    expect(hashes[0].password_hash).toBeTruthy();
  });

  it('an employee sees the 15 challenges on the board (two under expert review), and may claim one now', async () => {
    const { headers } = await signIn('zhangwei');
    const campaign = await t.db.selectFrom('campaigns').select('id').where('name', '=', CAMPAIGN.name).executeTakeFirstOrThrow();
    const board = await t.app.inject({ method: 'GET', url: `/api/v1/challenges?pageSize=100&campaignId=${campaign.id}`, headers });
    expect(board.statusCode).toBe(200);
    const items = board.json().items as Array<{ id: string; title: string; status: string; applicantCount: number; eligibility: unknown; raceWinners: number; teamSizeMin: number }>;
    expect(board.json().total).toBe(15);
    expect(items.map((c) => c.title).sort()).toEqual(CHALLENGES.map((c) => c.title).sort());
    expect(items.filter((c) => c.status === 'reviewing').map((c) => c.title).sort()).toEqual(['BIM 正向协同设计平台', '工程建设标准知识图谱']);
    expect(items.filter((c) => c.status === 'published')).toHaveLength(13);
    // The claims show on the board: two race teams on the BIM platform.
    expect(items.filter((c) => c.applicantCount > 0)).toHaveLength(new Set(APPLICATIONS.map((a) => a.challenge)).size);
    expect(items.find((c) => c.title === 'BIM 正向协同设计平台')).toMatchObject({ applicantCount: 2, raceWinners: 2 });
    expect(items.filter((c) => c.eligibility !== null)).toHaveLength(2);

    const free = items.find((c) => c.applicantCount === 0 && c.eligibility === null && c.teamSizeMin <= 2)!;
    const teammate = await t.db.selectFrom('users').select('id').where('login', '=', 'panwen').executeTakeFirstOrThrow();
    const claim = await t.app.inject({
      method: 'POST', url: `/api/v1/challenges/${free.id}/applications`, headers,
      payload: { proposal: { summary: '演示揭榜', approach: '按 PSIM 技术路线推进', plan: '三个阶段', expectedResults: '按期验收' }, memberIds: [teammate.id] },
    });
    expect(claim.json()).toMatchObject({ status: 'submitted', members: [{ id: teammate.id, status: 'invited' }] });
    expect(claim.statusCode).toBe(201);
  });

  it('the organizer has a submitted challenge to check; an employee does not see it', async () => {
    const { headers } = await signIn('organizer');
    const pending = await t.app.inject({ method: 'GET', url: '/api/v1/challenges?status=submitted,draft', headers });
    expect(pending.json().items.map((c: { status: string }) => c.status).sort()).toEqual(['draft', 'submitted']);
    const submitted = pending.json().items.find((c: { status: string }) => c.status === 'submitted');
    expect(submitted.allowedActions).toEqual(expect.arrayContaining(['publish', 'return']));
    const employee = await signIn('lina');
    const hidden = await t.app.inject({ method: 'GET', url: `/api/v1/challenges/${submitted.id}`, headers: employee.headers });
    expect(hidden.statusCode).toBe(404);
  });

  it('shows the expert review from both ends: a closed round with its ranking, and one where the demo expert has work waiting', async () => {
    const org = await signIn('organizer');
    const rounds = (await t.app.inject({ method: 'GET', url: '/api/v1/review/rounds', headers: org.headers })).json().items;
    expect(rounds.map((r: { status: string }) => r.status).sort()).toEqual(['closed', 'scoring']);
    const closed = rounds.find((r: { status: string }) => r.status === 'closed');
    const results = (await t.app.inject({ method: 'GET', url: `/api/v1/review/rounds/${closed.id}/results`, headers: org.headers })).json();
    expect(results).toMatchObject({ final: true, missingSheets: 0 });
    expect(results.ranking.map((r: { leadName: string }) => r.leadName)).toEqual(['王强', '周敏']);
    const leader = await signIn('leader');
    const waiting = (await t.app.inject({ method: 'GET', url: '/api/v1/review/decisions?status=proposed', headers: leader.headers })).json().items;
    expect(waiting).toEqual([expect.objectContaining({ allowedActions: ['approve', 'return'], departsFromRanking: false })]);
    const expert = await signIn('expert');
    const tasks = (await t.app.inject({ method: 'GET', url: '/api/v1/review/tasks', headers: expert.headers })).json().rounds;
    expect(tasks).toEqual([expect.objectContaining({ title: '工程建设标准知识图谱 专家评审', declared: false })]);
  });

  it('the audit chain holds, with an event for every step', async () => {
    const report = await verifyChain(t.db);
    expect(report.ok).toBe(true);
    const actions = await t.db.selectFrom('audit_events').select(['action', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('action').execute();
    const count = Object.fromEntries(actions.map((a) => [a.action, Number(a.n)]));
    expect(count['challenge.publish']).toBe(15 + BATCH.length);
    const batchApplications = BATCH.flatMap((b) => [b, ...(b.runnerUp ? [b.runnerUp] : []), ...(b.rival ? [b.rival] : [])]);
    expect(count['application.create']).toBe(APPLICATIONS.length + batchApplications.length + 1); // and the claim above
    expect(count['application.member.confirm']).toBe(APPLICATIONS.flatMap((a) => a.members).filter((m) => m.confirmed).length + batchApplications.flatMap((a) => a.members).length);
    // Every pledge that took effect is in the chain with its hash.
    expect(count['pledge.signed']).toBe(BATCH.length + 1); // the race's second team signed its own
  });

  it('shows the first batch past the award: a project in every state of health, and work waiting for the sponsor and the party branch', async () => {
    const org = await signIn('organizer');
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/projects?pageSize=100', headers: org.headers })).json().items as Array<{ id: string; title: string; status: string; health: string; healthReasons: Array<{ code: string }> }>;
    expect(list).toHaveLength(BATCH.length + 2); // the race's second team, the runner-up's take-over
    expect(BATCH).toHaveLength(15); // the seed's 15 topics
    expect(list.map((p) => p.health)).toEqual(['red', 'amber', 'amber', ...Array(BATCH.length + 2 - 3).fill('green')]); // red first
    expect(list[0]).toMatchObject({ title: '施工进度 4D 模拟平台', status: 'executing' });
    expect(list[0]!.healthReasons.map((r) => r.code)).toEqual(expect.arrayContaining(['milestone_overdue', 'reports_missed']));
    expect(list.filter((p) => p.status === 'rectifying').map((p) => p.title)).toEqual(['网络安全态势感知']);
    expect(list.filter((p) => p.title === '三维 GIS 项目一张图').map((p) => p.status).sort()).toEqual(['pledging', 'terminated']);
    const party = await signIn('party');
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/v1/help-requests?status=open', headers: party.headers })).json().items;
    expect(inbox).toEqual([expect.objectContaining({ projectTitle: '结构计算书自动生成', mayAnswer: true })]);
    const handed = list.find((p) => p.status === 'pledging')!;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/projects/${handed.id}`, headers: party.headers })).json().myRolesToSign).toEqual(['party']);
    const sponsor = await signIn('sponsor');
    const green = list.find((p) => p.title === '电子签章与图纸在线归档')!;
    const seal = (await t.app.inject({ method: 'GET', url: `/api/v1/projects/${green.id}`, headers: sponsor.headers })).json();
    expect(seal.milestones.map((m: { status: string; allowedActions: string[] }) => [m.status, m.allowedActions])).toEqual([['accepted', []], ['submitted', ['accept', 'return']], ['not_started', []]]);
    // The race: two teams side by side, the organizer may decide the first gate; the ceremony's record with its flags.
    const race = list.find((p) => p.title === '建筑能耗智能诊断（赛马）')!;
    const board = (await t.app.inject({ method: 'GET', url: `/api/v1/challenges/${(await t.app.inject({ method: 'GET', url: `/api/v1/projects/${race.id}`, headers: org.headers })).json().challengeId}/race`, headers: org.headers })).json();
    expect(board.teams.map((x: { leadName: string }) => x.leadName)).toEqual(['蒋涛', '姚瑶']);
    expect(board.teams[0].achievement).toBeGreaterThan(board.teams[1].achievement);
    expect(board.mayDecide).toBe(true);
    const campaignId = (await t.app.inject({ method: 'GET', url: `/api/v1/projects/${race.id}`, headers: org.headers })).json().campaignId;
    const ceremony = (await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${campaignId}/ceremony`, headers: org.headers })).json();
    expect(ceremony.record).toMatchObject({ mode: 'both', attendanceOnsite: 126 });
    expect(ceremony.pledges.filter((p: { flag: boolean }) => p.flag)).toHaveLength(BATCH.length + 1);
  });
});
