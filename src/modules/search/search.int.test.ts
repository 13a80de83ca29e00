import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { matchQuery } from './service.ts';
import { makeDepartment, makeUser, type TestUser } from '../../../test/support/factories.ts';

let t: TestApp;
let organizer: TestUser, sponsor: TestUser, employee: TestUser;
let departmentId: string, campaignId: string;
const ids: Record<string, string> = {};

const call = (who: TestUser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.auth, ...(payload ? { payload } : {}) });

async function challenge(key: string, fields: { title: string; background: string; goals: string; tags?: string[]; category?: string }, publish = true) {
  const res = await call(sponsor, 'POST', '/challenges', {
    campaignId, sponsorDepartmentId: departmentId, category: fields.category ?? '技术', kpis: [], deliverables: '成果',
    durationMonths: 12, budgetCents: 100, ...fields,
  });
  expect(res.statusCode).toBe(201);
  ids[key] = res.json().id;
  if (publish) {
    await call(sponsor, 'POST', `/challenges/${ids[key]}/transitions`, { action: 'submit' });
    expect((await call(organizer, 'POST', `/challenges/${ids[key]}/transitions`, { action: 'publish' })).statusCode).toBe(200);
  }
}

const search = async (q: string, extra = '') => {
  const res = await call(employee, 'GET', `/challenges?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};
const keysOf = (page: { items: Array<{ id: string }> }) => page.items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id));

beforeAll(async () => {
  t = await testApp();
  departmentId = (await makeDepartment(t.db, '数字化中心')).id;
  organizer = await makeUser(t.db, { roles: ['organizer'] });
  sponsor = await makeUser(t.db, { roles: ['sponsor'], departmentId });
  employee = await makeUser(t.db);
  campaignId = (await call(organizer, 'POST', '/campaigns', { name: '数字化攻坚', applyFrom: '2026-06-01T00:00:00Z', applyUntil: '2026-06-30T00:00:00Z' })).json().id;
  await challenge('platform', { title: '数字化转型课题管理平台', background: '全院的揭榜挂帅需要一个平台。', goals: '上线运行' });
  await challenge('bim', { title: 'BIM 协同设计', background: '推进数字化转型，<script>alert(1)</script> 打通设计与施工。', goals: '形成标准', tags: ['正向设计'] });
  await challenge('finance', { title: '财务共享中心', background: '课题经费的归集与核算。', goals: '数字看板', category: '管理' });
  await challenge('safety', { title: '安全生产', background: '隐患排查', goals: '零事故' });
  await challenge('draft', { title: '课题草稿', background: '还没有提交', goals: '无' }, false);
});

describe('Chinese search on the board', () => {
  it('课题 finds title matches before body matches, never a draft', async () => {
    const page = await search('课题');
    expect(keysOf(page)).toEqual(['platform', 'finance']);
    expect(page.total).toBe(2);
    expect(page.items[0].highlights.title).toBe('数字化转型<mark>课题</mark>管理平台');
    expect(page.items[1].highlights.summary).toBe('<mark>课题</mark>经费的归集与核算。 数字看板');
    // The sponsor sees their own draft in the results.
    expect((await call(sponsor, 'GET', `/challenges?q=${encodeURIComponent('课题')}`)).json().total).toBe(3);
  });

  it('数字 ranks title over goals over background', async () => {
    expect(keysOf(await search('数字'))).toEqual(['platform', 'finance', 'bim']);
  });

  it('a longer query needs all of its bigrams; the summary escapes HTML around the marks', async () => {
    const page = await search('数字化转型');
    expect(keysOf(page)).toEqual(['platform', 'bim']);
    expect(page.items[1].highlights.summary).toBe('推进<mark>数字化转型</mark>，&lt;script&gt;alert(1)&lt;/script&gt; 打通设计与施工。 形成标准');
    expect((await search('转型管理')).total).toBe(0); // 型管 occurs nowhere
  });

  it('mixed latin and Chinese, any width or case', async () => {
    for (const q of ['BIM 协同', 'bim协同', 'ＢＩＭ', 'bi']) expect(keysOf(await search(q))).toEqual(['bim']);
    expect((await search('BIM 协同')).items[0].highlights.title).toBe('<mark>BIM</mark> <mark>协同</mark>设计');
    expect(keysOf(await search('正向设计'))).toEqual(['bim']); // a tag
  });

  it('combines with filters and other sorts; punctuation alone searches nothing', async () => {
    expect(keysOf(await search('数字', '&category=' + encodeURIComponent('管理')))).toEqual(['finance']);
    expect((await search('数字', '&sort=budget')).total).toBe(3);
    const all = await search('！？');
    expect(all.total).toBe(4);
    expect(all.items[0].highlights).toBeUndefined();
  });

  it('re-indexes in the same transaction as an edit', async () => {
    await call(sponsor, 'PATCH', `/challenges/${ids.draft}`, { title: '智慧工地' });
    const mine = (q: string) => call(sponsor, 'GET', `/challenges?q=${encodeURIComponent(q)}`).then((r) => r.json());
    expect(keysOf(await mine('智慧'))).toEqual(['draft']);
    expect(keysOf(await mine('草稿'))).toEqual([]);
    // The old words are gone from the engine's index itself, not only from the page.
    const engine = async (q: string) => (await matchQuery(t.db, q)!.execute()).map((r) => r.challenge_id);
    expect(await engine('草稿')).not.toContain(ids.draft);
    expect(await engine('智慧工地')).toEqual([ids.draft]);
  });
});

describe('cached board results', () => {
  it('a change anywhere shows in the next search and list at once', async () => {
    const before = await search('监测');
    expect(before.total).toBe(0);
    const listed = (await call(employee, 'GET', '/challenges')).json().total;
    expect(await search('监测')).toMatchObject({ total: 0 }); // the same query again, from the cache
    await challenge('monitor', { title: '隧道监测系统', background: '自动化监测', goals: '预警' });
    const after = await search('监测');
    expect(keysOf(after)).toEqual(['monitor']);
    expect((await call(employee, 'GET', '/challenges')).json().total).toBe(listed + 1);
    await call(organizer, 'POST', `/challenges/${ids.monitor}/transitions`, { action: 'cancel', reason: '重复立题' });
    expect((await search('监测')).total).toBe(0);
    expect((await call(employee, 'GET', '/challenges')).json().total).toBe(listed);
  });
});
