// "Bad input gets a clear error and loses nothing": valid bodies bent at random (a field
// replaced, removed or added) at every writing endpoint must never produce a 500, every refusal
// must be problem+json (a 400 naming fields), and a refused request must leave the database as
// it was. Seeded, so a failure replays.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app.ts';
import { makeDepartment, makeUser, type TestUser } from './support/factories.ts';

let t: TestApp;
let admin: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  admin = await makeUser(t.db, { roles: ['admin', 'organizer', 'sponsor'] });
  const dept = await makeDepartment(t.db, '数字化中心');
  ids.department = dept.id;
  const campaign = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: admin.auth,
    payload: { name: '随机输入', applyFrom: '2026-05-01T00:00:00Z', applyUntil: '2026-07-01T00:00:00Z' } });
  ids.campaign = campaign.json().id;
  const challenge = await t.app.inject({ method: 'POST', url: '/api/v1/challenges', headers: admin.auth, payload: {
    campaignId: ids.campaign, title: '课题', category: '技术', sponsorDepartmentId: ids.department, background: '背景', goals: '目标',
    kpis: [{ name: '指标', direction: 'higher', target: 1, unit: '个', weight: 100 }], deliverables: '成果', durationMonths: 6, budgetCents: 100 } });
  ids.challenge = challenge.json().id;
  await t.app.inject({ method: 'POST', url: `/api/v1/challenges/${ids.challenge}/transitions`, headers: admin.auth, payload: { action: 'submit' } });
  await t.app.inject({ method: 'POST', url: `/api/v1/challenges/${ids.challenge}/transitions`, headers: admin.auth, payload: { action: 'publish' } });
  const application = await t.app.inject({ method: 'POST', url: `/api/v1/challenges/${ids.challenge}/applications`, headers: admin.auth,
    payload: { draft: true, proposal: { summary: '方案', approach: '', plan: '', expectedResults: '' } } });
  ids.application = application.json().id;
  ids.user = admin.id;
});

/** Each writing endpoint with a body it accepts; the property bends one or two of its fields. */
const endpoints = (): Array<[string, string, Record<string, unknown>]> => [
  ['POST', '/api/v1/departments', { name: '部门', parentId: ids.department }],
  ['PATCH', `/api/v1/departments/${ids.department}`, { name: '部门', sortOrder: 1 }],
  ['POST', '/api/v1/users', { login: `u${Math.random().toString(36).slice(2, 8)}`, name: '某人', departmentId: ids.department, roles: ['expert'], birthYear: 1990 }],
  ['PATCH', `/api/v1/users/${ids.user}`, { name: '管理员', skills: ['BIM'] }],
  ['POST', '/api/v1/campaigns', { name: '活动', applyFrom: '2026-06-01T00:00:00Z', applyUntil: '2026-06-30T00:00:00Z', settings: { noticeDays: 0 } }],
  ['PATCH', `/api/v1/campaigns/${ids.campaign}`, { theme: '主题' }],
  ['POST', '/api/v1/challenges', {
    campaignId: ids.campaign, title: '课题', category: '技术', sponsorDepartmentId: ids.department, background: '背景', goals: '目标',
    kpis: [{ name: '指标', direction: 'higher', target: 1, unit: '个', weight: 100 }], deliverables: '成果', durationMonths: 6, budgetCents: 100,
    teamSizeMin: 1, teamSizeMax: 3, raceWinners: 1, tags: ['数字化'], eligibility: { youthOnly: false } }],
  ['PATCH', `/api/v1/challenges/${ids.challenge}`, { title: '新题目' }],
  ['POST', `/api/v1/challenges/${ids.challenge}/transitions`, { action: 'close', reason: '原因' }],
  ['POST', `/api/v1/challenges/${ids.challenge}/applications`, { proposal: { summary: '方案', approach: '方法', plan: '计划', expectedResults: '成果' }, memberIds: [] }],
  ['PATCH', `/api/v1/applications/${ids.application}`, { proposal: { summary: '新方案' }, memberIds: [] }],
  ['POST', `/api/v1/applications/${ids.application}/transitions`, { action: 'submit' }],
  ['POST', '/api/v1/me/tokens', { name: '脚本' }],
  ['POST', '/api/v1/me/password', { currentPassword: 'x', newPassword: 'long-enough-password' }],
];

/** Values of the right kind or nearly: they pass or just fail the schema, and reach the rules behind it. */
const tricky = fc.oneof(
  fc.uuid(), fc.constantFrom('', ' ', 'x'.repeat(5000), '课题', '<script>alert(1)</script>', "'; drop table users; --"),
  fc.constantFrom(0, -1, 1, 2, 101, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e13 + 1, 0.5),
  fc.constantFrom('2020-01-01T00:00:00Z', '2026-06-01T00:00:00Z', '2099-12-31T23:59:59Z', '2026-02-30T00:00:00Z', 'yesterday'),
  fc.constantFrom([], [null], [{}], {}, null, true, false),
  fc.constantFrom('publish', 'close', 'award', 'republish', 'cancel', 'select', 'withdraw', 'qualify', 'explode'),
  fc.jsonValue({ maxDepth: 2 }),
  // Text PostgreSQL cannot store (NUL) and text that is not Unicode (lone surrogates).
  fc.constantFrom('a\u0000b', '\u0000', '\ud800', 'x\udc00y', ['ok', 'a\u0000'], { name: '\ud83d' }),
);

/** A valid body with one or two fields replaced, removed, or an unknown field added. */
const bent = (valid: Record<string, unknown>) => fc.array(fc.tuple(
  fc.constantFrom(...Object.keys(valid), 'unknownField'), fc.oneof(tricky, fc.constant(undefined)),
), { minLength: 1, maxLength: 2 }).map((changes) => {
  const body: Record<string, unknown> = structuredClone(valid);
  for (const [key, value] of changes) {
    if (value === undefined) delete body[key];
    else body[key] = value;
  }
  return body;
});

async function rowCounts() {
  const tables = ['departments', 'users', 'campaigns', 'challenges', 'applications', 'application_members', 'audit_events'] as const;
  const out: Record<string, number> = {};
  for (const table of tables) out[table] = Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}

describe('random input at every writing endpoint', () => {
  it('is refused with problem+json and never a 500, writing nothing when refused', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...endpoints()).chain(([method, url, valid]) => fc.tuple(fc.constant([method, url] as const), bent(valid))), async ([[method, url], body]) => {
      const before = await rowCounts();
      const res = await t.app.inject({ method: method as 'POST' | 'PATCH', url, headers: { ...admin.auth, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)} → ${res.body}`).toBeLessThan(500);
      if (res.statusCode >= 400) {
        expect(res.headers['content-type']).toContain('application/problem+json');
        const problem = res.json();
        expect(problem.status).toBe(res.statusCode);
        if (res.statusCode === 400) expect(problem.errors?.length ?? 0).toBeGreaterThan(0);
        expect(await rowCounts()).toEqual(before);
      }
    }), { numRuns: 300, seed: 20261125 });
  });
});

describe('hostile query strings and paths', () => {
  it.each([
    ['/api/v1/challenges?status=,,,', 'query.status'],
    ['/api/v1/challenges?status=%20', 'query.status'],
    ['/api/v1/challenges?q=a%00b', 'query.q'],
    ['/api/v1/users?q=%00', 'query.q'],
    ['/api/v1/audit?action=%00', 'query.action'],
  ])('%s is a 400 naming %s, on both databases', async (url, path) => {
    const res = await t.app.inject({ url, headers: admin.auth });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('a NUL in a login is a 400, not a 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin\u0000', password: 'whatever-it-is' } });
    expect([res.statusCode, res.json().errors[0].path]).toEqual([400, 'body.login']);
  });

  it('a path that is not valid percent-encoding gets problem+json', async () => {
    const res = await t.app.inject({ url: '/api/v1/%c0%ae' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('malformed_request');
  });

  it('names each bad field with a stable code and its parameters, so the web app words it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: admin.auth, payload: { name: 'x'.repeat(101), bogus: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'body.name', code: 'max_length', params: { limit: 100 } }),
      expect.objectContaining({ path: 'body.bogus', code: 'unknown_field' }),
    ]));
  });
});
