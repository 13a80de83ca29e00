import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { makeDepartment, makeUser, type TestUser } from '../../../test/support/factories.ts';

// A campaign's categories are a managed list: a challenge picks one of them, a category in use
// stays, and the board's filter is built from the lists (web app, browser test).

let t: TestApp;
let organizer: TestUser;
let dept: { id: string };

beforeAll(async () => {
  t = await testApp();
  organizer = await makeUser(t.db, { roles: ['organizer'] });
  dept = await makeDepartment(t.db);
});

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: organizer.auth, ...(payload ? { payload } : {}) });

const newCampaign = async (settings?: object) => {
  const res = await call('POST', '/campaigns', { name: '分类活动', applyFrom: '2026-06-01T00:00:00Z', applyUntil: '2026-06-30T00:00:00Z', ...(settings ? { settings } : {}) });
  expect(res.statusCode).toBe(201);
  return res.json();
};
const challenge = (campaignId: string, category: string) => call('POST', '/challenges', {
  campaignId, title: '分类课题', category, sponsorDepartmentId: dept.id, background: '背景', goals: '目标', deliverables: '成果',
  kpis: [{ name: '指标', direction: 'higher', target: 1, unit: '项', weight: 100 }], durationMonths: 6, budgetCents: 100,
});

describe('a campaign’s categories', () => {
  it('start as the usual four, and the organizer manages the list', async () => {
    const c = await newCampaign();
    expect(c.settings.categories).toEqual(['业务数字化', '数字化业务', '管理', '技术']);
    const changed = await call('PATCH', `/campaigns/${c.id}`, { settings: { categories: ['科技创新', '管理'] } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().settings.categories).toEqual(['科技创新', '管理']);
    expect(changed.json().settings.maxActiveLeads).toBe(1); // the other settings stay
  });

  it('a challenge must pick one of its campaign’s categories; the refusal names the list', async () => {
    const c = await newCampaign({ categories: ['科技创新', '管理'] });
    expect((await challenge(c.id, '科技创新')).statusCode).toBe(201);
    const bad = await challenge(c.id, '技术');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'body.category', code: 'unknown_category', params: { allowed: '科技创新、管理' } })]);
    expect(await t.db.selectFrom('challenges').select('id').where('campaign_id', '=', c.id).where('category', '=', '技术').execute()).toEqual([]);
  });

  it('a category still in use cannot be removed; an empty, blank or repeated list is refused', async () => {
    const c = await newCampaign({ categories: ['科技创新', '管理'] });
    expect((await challenge(c.id, '管理')).statusCode).toBe(201);
    const removed = await call('PATCH', `/campaigns/${c.id}`, { settings: { categories: ['科技创新'] } });
    expect(removed.statusCode).toBe(400);
    expect(removed.json().errors).toEqual([expect.objectContaining({ path: 'body.settings.categories', code: 'category_in_use', params: { category: '管理' } })]);
    for (const categories of [[], ['  '], ['管理', '管理']]) {
      const res = await call('PATCH', `/campaigns/${c.id}`, { settings: { categories } });
      expect(res.statusCode, JSON.stringify(categories)).toBe(400);
      expect(res.json().errors[0].path).toMatch(/^body\.settings\.categories/);
    }
    expect((await call('GET', `/campaigns/${c.id}`)).json().settings.categories).toEqual(['科技创新', '管理']);
  });
});
