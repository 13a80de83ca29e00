import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { makeDepartment, makeUser, type TestUser } from '../../../test/support/factories.ts';

// JIEBANG_PUBLIC_BOARD: off, the board is for people signed in (401); on, an anonymous visitor
// reads the published board and its challenges, without contacts, actions or any way to write.

type Who = { auth: Record<string, string> };
const nobody: Who = { auth: {} };

interface World {
  t: TestApp;
  organizer: TestUser;
  employee: TestUser;
  publishedId: string;
  draftId: string;
  submittedId: string;
  campaignId: string;
  departmentId: string;
}

const challengeBody = (campaignId: string, sponsorDepartmentId: string, title: string) => ({
  campaignId, title, category: '业务数字化', sponsorDepartmentId, contact: '周建华 010-6812 3210',
  background: '设计院推进数字化转型，需要打通设计与施工。', goals: '建立 BIM 协同标准', deliverables: '平台与标准',
  kpis: [{ name: '项目覆盖率', direction: 'higher', baseline: 10, target: 60, unit: '%', weight: 100 }], durationMonths: 12, budgetCents: 10_000_000,
});

async function world(env: Record<string, string>): Promise<World> {
  const t = await testApp({ env });
  const call = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: who.auth, ...(payload ? { payload } : {}) });
  const dept = await makeDepartment(t.db, '数字化中心');
  const organizer = await makeUser(t.db, { roles: ['organizer'] });
  const sponsor = await makeUser(t.db, { roles: ['sponsor'], departmentId: dept.id });
  const employee = await makeUser(t.db, { departmentId: dept.id });
  const camp = await call(organizer, 'POST', '/campaigns', { name: '数字化攻坚', applyFrom: '2026-06-01T00:00:00Z', applyUntil: '2026-06-30T00:00:00Z' });
  const campaignId = camp.json().id as string;
  const draft = async (title: string) => {
    const r = await call(sponsor, 'POST', '/challenges', challengeBody(campaignId, dept.id, title));
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const publishedId = await draft('BIM 协同平台');
  const draftId = await draft('草稿中的榜');
  const submittedId = await draft('待审核的榜');
  expect((await call(sponsor, 'POST', `/challenges/${publishedId}/transitions`, { action: 'submit' })).statusCode).toBe(200);
  expect((await call(organizer, 'POST', `/challenges/${publishedId}/transitions`, { action: 'publish' })).statusCode).toBe(200);
  expect((await call(sponsor, 'POST', `/challenges/${submittedId}/transitions`, { action: 'submit' })).statusCode).toBe(200);
  return { t, organizer, employee, publishedId, draftId, submittedId, campaignId, departmentId: dept.id };
}

const get = (w: World, who: Who, url: string) => w.t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.auth });

describe('public board off (the default)', () => {
  let w: World;
  beforeAll(async () => { w = await world({}); });

  it('says so in /public-config, without sign-in', async () => {
    const r = await get(w, nobody, '/public-config');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ publicBoard: false });
  });

  it('refuses the board, a challenge and the campaigns to anonymous callers (401)', async () => {
    for (const url of ['/challenges', `/challenges/${w.publishedId}`, '/campaigns']) {
      const r = await get(w, nobody, url);
      expect(r.statusCode, url).toBe(401);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('still shows the contact to people signed in', async () => {
    const r = await get(w, w.employee, `/challenges/${w.publishedId}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().contact).toBe('周建华 010-6812 3210');
    expect(r.json().allowedActions).toContain('apply');
  });
});

describe('public board on (JIEBANG_PUBLIC_BOARD=1)', () => {
  let w: World;
  beforeAll(async () => { w = await world({ JIEBANG_PUBLIC_BOARD: '1' }); });

  it('says so in /public-config', async () => {
    expect((await get(w, nobody, '/public-config')).json()).toEqual({ publicBoard: true });
  });

  it('shows an anonymous visitor the published challenges only, with no actions, application or contact', async () => {
    // The organizer's list (drafts included) is cached first: the anonymous view must not reuse it.
    const all = await get(w, w.organizer, '/challenges');
    expect(all.json().total).toBe(3);
    const r = await get(w, nobody, '/challenges');
    expect(r.statusCode).toBe(200);
    const page = r.json();
    expect(page.total).toBe(1);
    expect(page.items.map((c: { id: string }) => c.id)).toEqual([w.publishedId]);
    expect(page.items[0]).toMatchObject({ status: 'published', allowedActions: [], myApplication: null, contact: null });
    expect(page.items[0]).not.toHaveProperty('awardedLeads');
  });

  it('filters and searches the anonymous board like anyone else’s', async () => {
    const r = await get(w, nobody, `/challenges?campaignId=${w.campaignId}&q=${encodeURIComponent('协同')}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().items.map((c: { id: string }) => c.id)).toEqual([w.publishedId]);
    const drafts = await get(w, nobody, '/challenges?status=draft,submitted');
    expect(drafts.json()).toMatchObject({ total: 0, items: [] });
  });

  it('opens a published challenge by id, and answers 404 for a draft or submitted one', async () => {
    const r = await get(w, nobody, `/challenges/${w.publishedId}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: w.publishedId, title: 'BIM 协同平台', contact: null, allowedActions: [], myApplication: null });
    for (const id of [w.draftId, w.submittedId]) {
      const n = await get(w, nobody, `/challenges/${id}`);
      expect(n.statusCode).toBe(404);
      expect(n.json().code).toBe('not_found');
    }
  });

  it('keeps the contact and the apply button for people signed in', async () => {
    const r = await get(w, w.employee, `/challenges/${w.publishedId}`);
    expect(r.json()).toMatchObject({ contact: '周建华 010-6812 3210', allowedActions: ['apply'] });
  });

  it('lists the campaigns for the board’s filter, with no actions', async () => {
    const r = await get(w, nobody, '/campaigns');
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toEqual([expect.objectContaining({ id: w.campaignId, name: '数字化攻坚', allowedActions: [] })]);
  });

  it('lets an anonymous visitor change nothing (401) and read nothing else (401)', async () => {
    // Well-formed bodies: what is refused is the caller, not the request.
    const writes: [string, object][] = [
      ['/challenges', challengeBody(w.campaignId, w.departmentId, '匿名发的榜')],
      [`/challenges/${w.publishedId}/transitions`, { action: 'close', reason: '匿名关闭' }],
      ['/campaigns', { name: 'x', applyFrom: '2026-06-01T00:00:00Z', applyUntil: '2026-06-30T00:00:00Z' }],
    ];
    for (const [url, payload] of writes) {
      const r = await w.t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload });
      expect(r.statusCode, url).toBe(401);
    }
    const patch = await w.t.app.inject({ method: 'PATCH', url: `/api/v1/challenges/${w.draftId}`, payload: { title: 'x' } });
    expect(patch.statusCode).toBe(401);
    for (const url of [`/campaigns/${w.campaignId}`, '/me', '/audit', '/applications']) {
      expect((await get(w, nobody, url)).statusCode, url).toBe(401);
    }
    const rows = await w.t.db.selectFrom('challenges').select(['title', 'status']).orderBy('title').execute();
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.title === 'BIM 协同平台')?.status).toBe('published');
  });
});
