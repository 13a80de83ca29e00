import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { makeDepartment, makeUser, type TestUser, setRoles } from '../../../test/support/factories.ts';
import { makeCampaign, makeChallenge, proposal } from '../applications/test-helpers.ts';
import { drawPanels, verifyDraw } from './draw.ts';
import { runDueJobs } from '../../core/jobs.ts';
import ExcelJS from 'exceljs';

// A whole round through the API on both databases: the pool, conflicts, the commitment and the
// draw anyone can check, declarations, scoring, the ranking, the review gate on selection.

let t: TestApp;
let organizer: TestUser;
let supervisor: TestUser;

type Who = { auth: Record<string, string> };
const call = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.auth, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await testApp();
  organizer = await makeUser(t.db, { roles: ['organizer'] });
  supervisor = await makeUser(t.db, { roles: ['supervisor'] });
});

/** A campaign requiring review, one challenge under review with `n` qualified applications, and `experts` in the pool. */
async function setUp(n: number, experts: number, settings: object = {}) {
  const teamDept = await makeDepartment(t.db);
  const otherDept = await makeDepartment(t.db);
  const campaign = await makeCampaign(t.db, { settings: { reviewRequired: true, minReviewers: 3, noticeDays: 0, ...settings } });
  const challenge = await makeChallenge(t.db, campaign.id, otherDept.id);
  const apps: Array<{ id: string; lead: TestUser }> = [];
  for (let i = 0; i < n; i++) {
    const lead = await makeUser(t.db, { departmentId: teamDept.id });
    const res = await call(lead, 'POST', `/challenges/${challenge.id}/applications`, { proposal: proposal(`方案 ${i + 1}`) });
    expect(res.statusCode, res.body).toBe(201);
    apps.push({ id: res.json().id, lead });
  }
  expect((await call(organizer, 'POST', `/challenges/${challenge.id}/transitions`, { action: 'close' })).statusCode).toBe(200);
  for (const a of apps) expect((await call(organizer, 'POST', `/applications/${a.id}/transitions`, { action: 'qualify' })).statusCode).toBe(200);
  expect((await call(organizer, 'POST', `/challenges/${challenge.id}/transitions`, { action: 'startReview' })).statusCode).toBe(200);
  // Each test draws from its own field of the (shared) pool.
  const field = `领域${Math.random().toString(36).slice(2, 8)}`;
  const pool: TestUser[] = [];
  for (let i = 0; i < experts; i++) {
    const e = await makeUser(t.db, { roles: ['expert'], departmentId: otherDept.id });
    expect((await call(organizer, 'PUT', `/experts/${e.id}`, { fields: [field], title: '高级工程师' })).statusCode).toBe(200);
    pool.push(e);
  }
  return { campaign, challenge, apps, pool, teamDept, otherDept, field };
}

const newRound = async (campaignId: string, challengeId: string, field: string, over: object = {}) => {
  const res = await call(organizer, 'POST', '/review/rounds', { campaignId, challengeId, title: '专家评审', template: 'standard', fields: [field], deadline: '2026-06-20T00:00:00Z', maxLoad: 3, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const act = (id: string, action: string, reason?: string) => call(organizer, 'POST', `/review/rounds/${id}/transitions`, { action, ...(reason ? { reason } : {}) });
const all = (score: number) => ({ plan: score, capability: score, conditions: score, team: score, schedule: score });

/** Every expert declares and submits a sheet for each of their applications in the round: `score(expert index, application)`. */
async function scoreAll(roundId: string, pool: TestUser[], score: (i: number, applicationId: string) => number, comment = '意见') {
  for (const [i, e] of pool.entries()) {
    await call(e, 'POST', `/review/rounds/${roundId}/declaration`);
    const mine = (await call(e, 'GET', '/review/tasks')).json().rounds.find((r: any) => r.id === roundId);
    for (const task of mine?.tasks ?? []) {
      const res = await call(e, 'PUT', `/review/assignments/${task.assignmentId}/sheet`, { scores: all(score(i, task.applicationId)), comment, submit: true });
      expect(res.statusCode, res.body).toBe(200);
    }
  }
}

describe('a review round', () => {
  it('publishes a commitment, draws panels anyone can recompute, keeps conflicts out, and ranks the sheets', async () => {
    const { campaign, challenge, apps, pool, teamDept, field } = await setUp(3, 5);
    // A conflicted expert (same department as the teams) is in the pool but never drawn.
    const colleague = await makeUser(t.db, { roles: ['expert'], departmentId: teamDept.id });
    await call(organizer, 'PUT', `/experts/${colleague.id}`, { fields: [field] });
    // The first lead names an expert to avoid.
    const avoided = pool[0];
    const avoid = await call(apps[0].lead, 'POST', `/applications/${apps[0].id}/experts-to-avoid`, { expertId: avoided.id, reason: '曾有合作' });
    expect(avoid.statusCode, avoid.body).toBe(200);

    const round = await newRound(campaign.id, challenge.id, field);
    expect(round).toMatchObject({ status: 'draft', perApplication: 3, allowedActions: ['commit', 'cancel'] });
    // Before the commitment the organizer sees every conflict and what each application keeps.
    const conflicts = (await call(organizer, 'GET', `/review/rounds/${round.id}/conflicts`)).json();
    expect(conflicts.pool).toBe(6);
    const first = conflicts.applications.find((a: any) => a.applicationId === apps[0].id);
    expect(first.conflicts).toEqual(expect.arrayContaining([
      expect.objectContaining({ expertId: colleague.id, kind: 'department', source: 'auto' }),
      expect.objectContaining({ expertId: avoided.id, kind: 'avoid', source: 'applicant', reason: '曾有合作' }),
    ]));
    expect(first.candidates).toBe(4);
    expect(round.rubric.reduce((s: number, c: any) => s + c.weight, 0)).toBe(100);

    const committed = (await act(round.id, 'commit')).json();
    expect(committed.status).toBe('committed');
    expect(committed.draw.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(committed.draw.seed).toBeNull(); // secret until the draw
    expect(committed.draw.candidates[apps[0].id]).not.toContain(avoided.id);
    for (const a of apps) expect(committed.draw.candidates[a.id]).not.toContain(colleague.id);

    const drawn = (await act(round.id, 'draw')).json();
    expect(drawn.status).toBe('scoring');
    const { seed, candidates, rules, panels, inputsHash, seedHash } = drawn.draw;
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyDraw({ candidates, rules, seed }, { inputsHash, seedHash, panels })).toEqual({ ok: true, problems: [] });
    expect(drawPanels({ candidates, rules, seed }).panels).toEqual(panels);
    for (const a of apps) {
      expect(panels[a.id]).toHaveLength(3);
      expect(panels[a.id]).not.toContain(colleague.id);
    }
    expect(panels[apps[0].id]).not.toContain(avoided.id);
    const load = Object.values(panels).flat().reduce((m: Record<string, number>, e: any) => ({ ...m, [e]: (m[e] ?? 0) + 1 }), {});
    expect(Math.max(...(Object.values(load) as number[]))).toBeLessThanOrEqual(3);
    // The draw is in the audit log with its seed and panels.
    const audit = await t.db.selectFrom('audit_events').select(['action', 'after']).where('entity_id', '=', round.id).orderBy('seq').execute();
    expect(audit.map((e) => e.action)).toEqual(['review_round.create', 'review_round.commit', 'review_round.draw']);
    expect(JSON.parse(audit[2].after!).seed).toBe(seed);
    // The experts hear of it.
    await runDueJobs(t.db, t.clock.now);
    const drawnExpert = pool.find((e) => Object.values(panels).flat().includes(e.id))!;
    const notes = (await call(drawnExpert, 'GET', '/notifications')).json().items;
    expect(notes[0]).toMatchObject({ kind: 'review.assigned', link: `/review?round=${round.id}` });

    // Nothing of the round is shown before the declaration; scoring without it is refused.
    const before = (await call(drawnExpert, 'GET', '/review/tasks')).json().rounds[0];
    expect(before.declared).toBe(false);
    expect(before.declaration).toContain('本人承诺');
    expect(before.tasks.every((x: any) => x.application === null)).toBe(true);
    const undeclared = await call(drawnExpert, 'PUT', `/review/assignments/${before.tasks[0].assignmentId}/sheet`, { scores: all(7), submit: true });
    expect(undeclared.statusCode).toBe(409);
    expect(undeclared.json().rule).toBe('declaration_required');

    // Every drawn expert declares and scores; application 0 gets the best scores, 2 the worst.
    const quality = new Map(apps.map((a, i) => [a.id, [8, 6, 3][i]]));
    for (const e of pool) {
      const mine = (await call(e, 'GET', '/review/tasks')).json().rounds.find((r: any) => r.id === round.id);
      if (!mine) continue;
      expect((await call(e, 'POST', `/review/rounds/${round.id}/declaration`)).statusCode).toBe(200);
      const tasks = (await call(e, 'GET', '/review/tasks')).json().rounds.find((r: any) => r.id === round.id).tasks;
      for (const task of tasks) {
        expect(task.application.proposal.summary).toMatch(/^方案/);
        const res = await call(e, 'PUT', `/review/assignments/${task.assignmentId}/sheet`, { scores: all(quality.get(task.applicationId)!), comment: '意见', submit: true });
        expect(res.statusCode, res.body).toBe(200);
      }
    }
    const results = (await call(supervisor, 'GET', `/review/rounds/${round.id}/results`)).json();
    expect(results.final).toBe(true);
    expect(results.ranking.map((r: any) => r.applicationId)).toEqual(apps.map((a) => a.id));
    expect(results.ranking[0]).toMatchObject({ rank: 1, score: 80, sheets: 3, expected: 3 });

    // The export: the same ranking and every sheet, with Chinese headers.
    const xlsx = await t.app.inject({ method: 'GET', url: `/api/v1/review/rounds/${round.id}/export.xlsx`, headers: supervisor.auth });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as any);
    const ranking = wb.getWorksheet('排名')!;
    expect(ranking.getRow(1).values).toEqual(expect.arrayContaining(['名次', '挂帅人', '得分', '需答辩']));
    expect([2, 3, 4].map((i) => ranking.getRow(i).getCell(4).value)).toEqual(results.ranking.map((r: any) => r.score));
    expect(wb.getWorksheet('评分明细')!.rowCount).toBe(1 + 9);
    expect(wb.getWorksheet('抽签')!.getRow(4).getCell(2).value).toBe(seed);
    expect((await call(apps[0].lead, 'GET', `/review/rounds/${round.id}/export.xlsx`)).statusCode).toBe(403);

    // The gate: selection waits for the closed round, the organizer's decision and a leader's approval.
    const early = await call(organizer, 'POST', `/applications/${apps[0].id}/transitions`, { action: 'select' });
    expect(early.statusCode).toBe(409);
    expect(early.json().rule).toBe('reviewRequired');
    const tooSoon = await call(organizer, 'POST', '/review/decisions', { challengeId: challenge.id, applicationIds: [apps[0].id] });
    expect(tooSoon.json().rule).toBe('review_not_closed');
    expect((await act(round.id, 'close')).json().status).toBe('closed');
    // Choosing the second-ranked needs a reason; the top one does not.
    const departs = await call(organizer, 'POST', '/review/decisions', { challengeId: challenge.id, applicationIds: [apps[1].id] });
    expect(departs.statusCode).toBe(400);
    expect(departs.json().errors).toEqual([expect.objectContaining({ path: 'body.reason', code: 'reason_required_departure' })]);
    const leader = await makeUser(t.db, { roles: ['leader'] });
    const proposed = await call(organizer, 'POST', '/review/decisions', { challengeId: challenge.id, applicationIds: [apps[0].id] });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json()).toMatchObject({ status: 'proposed', departsFromRanking: false, applications: [{ id: apps[0].id }] });
    expect((await call(organizer, 'POST', `/applications/${apps[0].id}/transitions`, { action: 'select' })).json().rule).toBe('reviewRequired');
    await runDueJobs(t.db, t.clock.now);
    expect((await call(leader, 'GET', '/notifications')).json().items[0]).toMatchObject({ kind: 'decision.proposed', link: '/approvals' });
    expect((await call(organizer, 'POST', `/review/decisions/${proposed.json().id}/answer`, { outcome: 'approve' })).statusCode).toBe(403);
    const approved = await call(leader, 'POST', `/review/decisions/${proposed.json().id}/answer`, { outcome: 'approve', comment: '同意' });
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { id: leader.id } });
    expect((await call(organizer, 'POST', `/applications/${apps[1].id}/transitions`, { action: 'select' })).json().rule).toBe('reviewRequired'); // not approved
    const select = await call(organizer, 'POST', `/applications/${apps[0].id}/transitions`, { action: 'select' });
    expect(select.statusCode, select.body).toBe(200);
    // Announced with the review's score summary (the campaign has no notice period: awarded at once).
    expect((await call(organizer, 'POST', `/challenges/${challenge.id}/transitions`, { action: 'award' })).statusCode).toBe(200);
    const announced = (await call(apps[2].lead, 'GET', `/challenges/${challenge.id}`)).json();
    expect(announced.awardedLeads).toEqual([expect.objectContaining({ id: apps[0].lead.id, review: { score: 80, rank: 1, of: 3, sheets: 3 } })]);
  });

  it('refuses bad sheets in words, locks submitted ones, shows others’ scores only after my own, and holds the close while a sheet is missing', async () => {
    const { campaign, challenge, pool, field } = await setUp(1, 3);
    const round = await newRound(campaign.id, challenge.id, field);
    await act(round.id, 'commit');
    await act(round.id, 'draw');
    const [e1, e2, e3] = pool;
    for (const e of pool) await call(e, 'POST', `/review/rounds/${round.id}/declaration`);
    const task = async (e: TestUser) => (await call(e, 'GET', '/review/tasks')).json().rounds.find((r: any) => r.id === round.id).tasks[0];
    const a1 = (await task(e1)).assignmentId;

    const bad = await call(e1, 'PUT', `/review/assignments/${a1}/sheet`, { scores: { plan: 11, capability: -1, unknown: 3 }, submit: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((p: any) => `${p.path}:${p.code}`).sort()).toEqual([
      'body.scores.capability:minimum', 'body.scores.conditions:required', 'body.scores.plan:maximum', 'body.scores.schedule:required',
      'body.scores.team:required', 'body.scores.unknown:unknown_field',
    ]);
    const extreme = await call(e1, 'PUT', `/review/assignments/${a1}/sheet`, { scores: all(10), submit: true });
    expect(extreme.json().errors).toEqual([expect.objectContaining({ path: 'body.comment', code: 'comment_at_extremes' })]);
    expect(await t.db.selectFrom('review_sheets').select('id').where('round_id', '=', round.id).execute()).toEqual([]);

    const peek = await call(e1, 'GET', `/review/assignments/${a1}/sheets`);
    expect(peek.statusCode).toBe(409);
    expect(peek.json().rule).toBe('own_sheet_first');
    expect((await call(e1, 'PUT', `/review/assignments/${a1}/sheet`, { scores: all(7), submit: true })).statusCode).toBe(200);
    const locked = await call(e1, 'PUT', `/review/assignments/${a1}/sheet`, { scores: all(8), submit: true });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('sheet_locked');
    expect((await call(e2, 'PUT', `/review/assignments/${(await task(e2)).assignmentId}/sheet`, { scores: all(5), submit: true })).statusCode).toBe(200);
    const seen = (await call(e1, 'GET', `/review/assignments/${a1}/sheets`)).json().items;
    expect(seen.map((s: any) => s.total).sort()).toEqual([50, 70]);

    // Someone else's assignment is not found.
    expect((await call(e3, 'PUT', `/review/assignments/${a1}/sheet`, { scores: all(5) })).statusCode).toBe(404);
    const closing = await act(round.id, 'close');
    expect(closing.statusCode).toBe(409);
    expect(closing.json()).toMatchObject({ rule: 'sheets_missing', missingSheets: 1 });
    const partial = (await call(organizer, 'GET', `/review/rounds/${round.id}/results`)).json();
    expect(partial).toMatchObject({ final: false, missingSheets: 1 });

    // The organizer reopens a sheet with a reason; the expert may change it again.
    const sheetId = (await t.db.selectFrom('review_sheets').select('id').where('round_id', '=', round.id).where('expert_id', '=', e1.id).executeTakeFirstOrThrow()).id;
    expect((await call(organizer, 'POST', `/review/rounds/${round.id}/sheets/${sheetId}/reopen`, { reason: '评分与意见不一致' })).statusCode).toBe(200);
    expect((await call(e1, 'PUT', `/review/assignments/${a1}/sheet`, { scores: all(6), submit: true })).statusCode).toBe(200);

    // A day before the deadline, whoever has not submitted is reminded (not those who have).
    t.clock.set('2026-06-19T01:00:00Z');
    await runDueJobs(t.db, t.clock.now);
    const kinds = async (e: TestUser) => (await call(e, 'GET', '/notifications')).json().items.map((n: any) => n.kind);
    expect(await kinds(e3)).toContain('review.reminder');
    expect(await kinds(e2)).not.toContain('review.reminder');
    // After the deadline nothing more is scored; the late expert and the organizer hear of it.
    t.clock.set('2026-06-21T00:00:00Z');
    await runDueJobs(t.db, t.clock.now);
    expect(await kinds(e3)).toContain('review.overdue');
    expect(await kinds(organizer)).toContain('review.overdue_organizer');
    const late = await call(e3, 'PUT', `/review/assignments/${(await task(e3)).assignmentId}/sheet`, { scores: all(5), submit: true });
    expect(late.statusCode).toBe(409);
    expect(late.json().rule).toBe('review_deadline');
    t.clock.set('2026-06-01T02:00:00.000Z');
  });

  it('an expert who declines with a declared conflict is replaced by the same seeded rules', async () => {
    const { campaign, challenge, apps, pool, field } = await setUp(1, 5);
    const round = await newRound(campaign.id, challenge.id, field);
    await act(round.id, 'commit');
    const drawn = (await act(round.id, 'draw')).json();
    const panel: string[] = drawn.draw.panels[apps[0].id];
    const leaving = pool.find((e) => e.id === panel[0])!;
    await call(leaving, 'POST', `/review/rounds/${round.id}/declaration`);
    const task = (await call(leaving, 'GET', '/review/tasks')).json().rounds[0].tasks[0];
    const declined = await call(leaving, 'POST', `/review/assignments/${task.assignmentId}/decline`, { kind: 'collaborator', reason: '与挂帅人近三年有合作' });
    expect(declined.json()).toEqual({ declined: true, replaced: true });
    const after = (await call(organizer, 'GET', `/review/rounds/${round.id}`)).json();
    const active = after.progress.filter((p: any) => p.status === 'assigned').map((p: any) => p.expertId);
    expect(active).toHaveLength(3);
    expect(active).not.toContain(leaving.id);
    // The replacement is the next free candidate in the seeded order.
    const { orderFor } = await import('./draw.ts');
    const expected = orderFor(drawn.draw.seed, apps[0].id, drawn.draw.candidates[apps[0].id]).find((e) => !panel.includes(e));
    expect(active).toContain(expected);
    expect(after.progress.find((p: any) => p.expertId === expected).replaces).toBe(task.assignmentId);
    // The conflict is on record; the leaving expert has no task left.
    const conflicts = await t.db.selectFrom('expert_conflicts').selectAll().where('expert_id', '=', leaving.id).execute();
    expect(conflicts).toEqual([expect.objectContaining({ kind: 'collaborator', source: 'expert', application_id: apps[0].id })]);
    expect((await call(leaving, 'GET', '/review/tasks')).json().rounds).toEqual([]);

    // A conflict the organizer learns of during scoring removes that expert too, with a replacement.
    const second = active.find((e: string) => e !== expected)!;
    expect((await call(organizer, 'POST', '/review/conflicts', { expertId: second, applicationId: apps[0].id, reason: '经核实为挂帅人的导师' })).statusCode).toBe(200);
    const later = (await call(organizer, 'GET', `/review/rounds/${round.id}`)).json().progress;
    expect(later.find((p: any) => p.expertId === second)).toMatchObject({ status: 'removed', reason: '经核实为挂帅人的导师' });
    expect(later.filter((p: any) => p.status === 'assigned')).toHaveLength(3);
  });

  it('a draw that cannot fill every panel writes nothing; a rubric not summing to 100 is refused', async () => {
    const { campaign, challenge, field } = await setUp(2, 3);
    const round = await newRound(campaign.id, challenge.id, field, { maxLoad: 1 });
    await act(round.id, 'commit');
    const short = await act(round.id, 'draw');
    expect(short.statusCode).toBe(409);
    expect(short.json().rule).toBe('panel_shortfall');
    expect(await t.db.selectFrom('review_assignments').select('id').where('round_id', '=', round.id).execute()).toEqual([]);
    expect((await call(organizer, 'GET', `/review/rounds/${round.id}`)).json().status).toBe('committed');

    const badRubric = await call(organizer, 'POST', '/review/rounds', {
      campaignId: campaign.id, challengeId: challenge.id, title: '坏细则', deadline: '2026-06-20T00:00:00Z',
      rubric: [{ key: 'a', name: '甲', description: '', weight: 60, min: 0, max: 10 }, { key: 'b', name: '乙', description: '', weight: 30, min: 5, max: 5 }],
    });
    expect(badRubric.statusCode).toBe(400);
    expect(badRubric.json().errors.map((e: any) => e.code).sort()).toEqual(['range_order', 'rubric_weights_sum']);
    const few = await call(organizer, 'POST', '/review/rounds', { campaignId: campaign.id, challengeId: challenge.id, title: '少', deadline: '2026-06-20T00:00:00Z', perApplication: 2 });
    expect(few.json().errors).toEqual([expect.objectContaining({ path: 'body.perApplication', code: 'minimum', params: { limit: 3 } })]);
    const employee = await makeUser(t.db);
    expect((await call(employee, 'POST', '/review/rounds', { campaignId: campaign.id, title: 'x', deadline: '2026-06-20T00:00:00Z' })).statusCode).toBe(403);
    expect((await call(employee, 'GET', `/review/rounds/${round.id}`)).statusCode).toBe(404);
  });
});

describe('the decision and its approval', () => {
  it('a leader sends a departing decision back with a comment; the next one, with a reason, is approved; a leader with a stake steps aside', async () => {
    const { campaign, challenge, apps, pool, field } = await setUp(2, 3);
    const round = await newRound(campaign.id, challenge.id, field);
    await act(round.id, 'commit');
    await act(round.id, 'draw');
    await scoreAll(round.id, pool, (_, app) => (app === apps[0].id ? 8 : 6));
    await act(round.id, 'close');
    const leader = await makeUser(t.db, { roles: ['leader'] });
    const first = (await call(organizer, 'POST', '/review/decisions', { challengeId: challenge.id, applicationIds: [apps[1].id], reason: '第二名的方案与现有平台衔接更好' })).json();
    expect(first).toMatchObject({ departsFromRanking: true, reason: '第二名的方案与现有平台衔接更好', ranked: [{ id: apps[0].id }] });
    expect((await call(organizer, 'POST', '/review/decisions', { challengeId: challenge.id, applicationIds: [apps[0].id] })).json().rule).toBe('decision_exists');
    const noComment = await call(leader, 'POST', `/review/decisions/${first.id}/answer`, { outcome: 'return' });
    expect(noComment.json().errors).toEqual([expect.objectContaining({ path: 'body.comment', code: 'required' })]);
    const back = (await call(leader, 'POST', `/review/decisions/${first.id}/answer`, { outcome: 'return', comment: '理由不充分，按排名决定' })).json();
    expect(back).toMatchObject({ status: 'returned', comment: '理由不充分，按排名决定' });
    const second = (await call(organizer, 'POST', '/review/decisions', { challengeId: challenge.id, applicationIds: [apps[0].id] })).json();
    // The first lead, made a leader, may not approve a decision on their own challenge.
    await setRoles(t.db, apps[0].lead.id, ['employee', 'leader']);
    const own = await call(apps[0].lead, 'POST', `/review/decisions/${second.id}/answer`, { outcome: 'approve' });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('recusal');
    expect((await call(leader, 'POST', `/review/decisions/${second.id}/answer`, { outcome: 'approve' })).json().status).toBe('approved');
    const listed = (await call(supervisor, 'GET', `/review/decisions?challengeId=${challenge.id}`)).json().items;
    expect(listed.map((d: any) => d.status)).toEqual(['approved', 'returned']);
  });
});

describe('a pitch session (答辩)', () => {
  it('is scheduled for the uncertain band, scored by the same experts, and its order decides between them', async () => {
    const { campaign, challenge, apps, pool, field } = await setUp(3, 3);
    const round = await newRound(campaign.id, challenge.id, field);
    await act(round.id, 'commit');
    await act(round.id, 'draw');
    // A and B within the experts' disagreement of each other; C clearly last.
    const given: Record<string, number[]> = { [apps[0].id]: [8, 6, 7], [apps[1].id]: [7, 7.5, 6], [apps[2].id]: [3, 3, 3] };
    await scoreAll(round.id, pool, (i, app) => given[app][i]);
    await act(round.id, 'close');
    const results = (await call(organizer, 'GET', `/review/rounds/${round.id}/results`)).json();
    expect(results.ranking.filter((r: any) => r.inBand).map((r: any) => r.applicationId)).toEqual([apps[0].id, apps[1].id]);

    const noPlace = await call(organizer, 'POST', `/review/rounds/${round.id}/pitch`, { startsAt: '2026-06-10T01:00:00Z', mode: 'both' });
    expect(noPlace.json().errors.map((p: any) => p.path).sort()).toEqual(['body.place', 'body.videoUrl']);
    const pitch = await call(organizer, 'POST', `/review/rounds/${round.id}/pitch`, { startsAt: '2026-06-10T01:00:00Z', mode: 'both', place: '三楼报告厅', videoUrl: 'https://meet.example.com/pitch' });
    expect(pitch.statusCode, pitch.body).toBe(201);
    expect(pitch.json()).toMatchObject({ kind: 'pitch', parentRoundId: round.id, session: { place: '三楼报告厅', mode: 'both', order: [apps[0].id, apps[1].id] } });
    await runDueJobs(t.db, t.clock.now);
    expect((await call(apps[0].lead, 'GET', '/notifications')).json().items.map((n: any) => n.kind)).toContain('pitch.scheduled');
    expect((await call(apps[2].lead, 'GET', '/notifications')).json().items.map((n: any) => n.kind)).not.toContain('pitch.scheduled');

    // The same experts, drawn verifiably from the review round's panel; B convinces them.
    await act(pitch.json().id, 'commit');
    const drawn = (await act(pitch.json().id, 'draw')).json();
    expect(new Set(Object.values(drawn.draw.panels).flat())).toEqual(new Set(pool.map((e) => e.id)));
    for (const e of pool) {
      await call(e, 'POST', `/review/rounds/${pitch.json().id}/declaration`);
      const mine = (await call(e, 'GET', '/review/tasks')).json().rounds.find((r: any) => r.id === pitch.json().id);
      expect(mine.session).toMatchObject({ place: '三楼报告厅' });
      for (const task of mine.tasks) {
        await call(e, 'PUT', `/review/assignments/${task.assignmentId}/sheet`, { scores: all(task.applicationId === apps[1].id ? 9 : 7), comment: '答辩意见', submit: true });
      }
    }
    await act(pitch.json().id, 'close');
    // The decision follows the pitch: B first, no reason needed.
    const res = await call(organizer, 'POST', '/review/decisions', { challengeId: challenge.id, applicationIds: [apps[1].id] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ departsFromRanking: false, ranked: [{ id: apps[1].id }] });
  });
});

describe('campaign-wide rounds', () => {
  it('cover every challenge of their campaign under review, and are listed with those challenges only', async () => {
    const a = await setUp(1, 3);
    const b = await setUp(1, 3);
    const wide = await call(organizer, 'POST', '/review/rounds', { campaignId: a.campaign.id, title: '全部课题评审', template: 'standard', fields: [a.field], deadline: '2026-06-20T00:00:00Z' });
    expect(wide.statusCode, wide.body).toBe(201);
    const committed = (await act(wide.json().id, 'commit')).json();
    expect(Object.keys(committed.draw.candidates)).toEqual([a.apps[0].id]);
    const listed = async (challengeId: string) => (await call(organizer, 'GET', `/review/rounds?challengeId=${challengeId}`)).json().items.map((r: any) => r.id);
    expect(await listed(a.challenge.id)).toContain(wide.json().id);
    expect(await listed(b.challenge.id)).not.toContain(wide.json().id);
  });
});

describe('under concurrent requests', () => {
  // On PostgreSQL the requests overlap (row locks decide); on SQLite they run one after the other.
  it('two draws at once give one draw; one expert submitting twice at once gives one sheet; two proposals give one decision', async () => {
    const { campaign, challenge, apps, pool, field } = await setUp(1, 3);
    const round = await newRound(campaign.id, challenge.id, field);
    await act(round.id, 'commit');
    const draws = await Promise.all([act(round.id, 'draw'), act(round.id, 'draw')]);
    expect(draws.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await t.db.selectFrom('review_assignments').select('id').where('round_id', '=', round.id).execute()).toHaveLength(3);

    const [e] = pool;
    const twice = await Promise.all([call(e, 'POST', `/review/rounds/${round.id}/declaration`), call(e, 'POST', `/review/rounds/${round.id}/declaration`)]);
    expect(twice.map((r) => r.statusCode)).toEqual([200, 200]);
    const task = (await call(e, 'GET', '/review/tasks')).json().rounds[0].tasks[0];
    const submits = await Promise.all([1, 2].map(() => call(e, 'PUT', `/review/assignments/${task.assignmentId}/sheet`, { scores: all(7), comment: '意见', submit: true })));
    expect(submits.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await t.db.selectFrom('review_sheets').select('id').where('round_id', '=', round.id).execute()).toHaveLength(1);

    for (const x of pool.slice(1)) await scoreAll(round.id, [x], () => 7);
    await act(round.id, 'close');
    const proposals = await Promise.all([1, 2].map(() => call(organizer, 'POST', '/review/decisions', { challengeId: challenge.id, applicationIds: [apps[0].id] })));
    expect(proposals.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});

describe('external experts', () => {
  it('score in a round, but cannot apply or be invited to a team', async () => {
    const { campaign, challenge, apps, field } = await setUp(1, 2);
    const outsider = await makeUser(t.db, { name: '外聘专家', external: true, roles: ['expert'] });
    expect((await call(organizer, 'PUT', `/experts/${outsider.id}`, { fields: [field], unit: '某大学' })).statusCode).toBe(200);
    const round = await newRound(campaign.id, challenge.id, field);
    await act(round.id, 'commit');
    expect((await act(round.id, 'draw')).json().draw.panels[apps[0].id]).toContain(outsider.id);
    await scoreAll(round.id, [outsider], () => 7);

    const other = await makeChallenge(t.db, campaign.id, (await makeDepartment(t.db)).id);
    const applying = await call(outsider, 'POST', `/challenges/${other.id}/applications`, { proposal: proposal() });
    expect(applying.statusCode).toBe(403);
    const lead = await makeUser(t.db);
    const inviting = await call(lead, 'POST', `/challenges/${other.id}/applications`, { proposal: proposal(), memberIds: [outsider.id] });
    expect(inviting.statusCode).toBe(400);
    expect(inviting.json().errors).toEqual([expect.objectContaining({ path: 'body.memberIds.0', code: 'external_member' })]);
    expect((await call(outsider, 'GET', `/challenges/${other.id}`)).json().allowedActions).not.toContain('apply');
  });
});
