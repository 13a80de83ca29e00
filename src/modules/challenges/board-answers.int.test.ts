// What reads of challenges keep between requests (board-cache.ts: the heads of sorted lists and
// each challenge's fixed part as UTF-8 JSON) must never show what a fresh read would not: the same
// answers for every kind of reader, and every change — an application, a renamed campaign,
// department or lead, the clock passing a deadline — at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock, testDatabase } from '../../../test/support/app.ts';
import { makeDepartment, makeUser, type TestUser } from '../../../test/support/factories.ts';
import { bumpVersion } from '../../core/command.ts';
import type { Db } from '../../db/connect.ts';
import { buildApp, type App } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { makeCampaign, makeChallenge, proposal } from '../applications/test-helpers.ts';
import { indexChallenge } from '../search/index.ts';

type Who = { auth: Record<string, string> };
const anonymous: Who = { auth: {} };

interface World {
  db: Db;
  clock: ReturnType<typeof testClock>;
  /** The app as it runs, and one that keeps nothing (JIEBANG_BOARD_CACHE=0): both on the same database. */
  kept: App;
  fresh: App;
  people: Record<'organizer' | 'admin' | 'sponsor' | 'employee' | 'applicant' | 'lead' | 'member', TestUser>;
  campaignId: string;
  departmentId: string;
  /** Two published, one in notice (公示) with its chosen lead and team, one draft of the sponsor's department. */
  ids: Record<'twin' | 'craft' | 'noticed' | 'draft', string>;
}

async function world(): Promise<World> {
  const { db } = await testDatabase();
  const clock = testClock('2026-06-01T02:00:00.000Z');
  const env = { JIEBANG_SCHEDULER_INTERVAL: '0', JIEBANG_JOBS: '0', JIEBANG_PUBLIC_BOARD: '1' };
  const kept = await buildApp({ db, config: loadConfig(env), clock: clock.now, logger: false });
  const fresh = await buildApp({ db, config: loadConfig({ ...env, JIEBANG_BOARD_CACHE: '0' }), clock: clock.now, logger: false });
  afterAll(async () => { await kept.close(); await fresh.close(); });

  const dept = await makeDepartment(db, '数字化中心');
  const people = {
    organizer: await makeUser(db, { roles: ['organizer'] }),
    admin: await makeUser(db, { roles: ['admin'] }),
    sponsor: await makeUser(db, { roles: ['sponsor'], departmentId: dept.id }),
    employee: await makeUser(db, { departmentId: dept.id }),
    applicant: await makeUser(db, { departmentId: dept.id }),
    lead: await makeUser(db, { departmentId: dept.id, name: '林挂帅' }),
    member: await makeUser(db, { departmentId: dept.id, name: '周成员' }),
  };
  const campaign = await makeCampaign(db, { settings: { noticeDays: 5 } });
  const make = async (title: string, status: 'published' | 'draft', background: string) => {
    const row = await makeChallenge(db, campaign.id, dept.id, { title, status, background, contact: '王老师 010-1234' });
    await indexChallenge(db as never, row);
    return row.id;
  };
  const ids = {
    twin: await make('数字孪生平台', 'published', '设计院推进数字化转型'),
    craft: await make('工艺优化', 'published', '数字工厂的工艺参数'),
    noticed: await make('数字工厂排产', 'published', '排产'),
    draft: await make('数字草稿', 'draft', '尚未提交'),
  };
  await bumpVersion(db, 'challenges'); // written straight into the tables, as their own area would announce
  const call = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) =>
    kept.inject({ method, url: `/api/v1${url}`, headers: who.auth, ...(payload ? { payload } : {}) });
  const app = (await call(people.lead, 'POST', `/challenges/${ids.noticed}/applications`, { proposal: proposal(), memberIds: [people.member.id] })).json();
  expect((await call(people.member, 'POST', `/applications/${app.id}/members/me/confirm`)).statusCode).toBe(200);
  for (const [url, body] of [
    [`/challenges/${ids.noticed}/transitions`, { action: 'close' }], [`/applications/${app.id}/transitions`, { action: 'qualify' }],
    [`/challenges/${ids.noticed}/transitions`, { action: 'startReview' }], [`/applications/${app.id}/transitions`, { action: 'select' }],
    [`/challenges/${ids.noticed}/transitions`, { action: 'startNotice' }],
  ] as const) expect((await call(people.organizer, 'POST', url, body)).statusCode, url).toBe(200);
  return { db, clock, kept, fresh, people, campaignId: campaign.id, departmentId: dept.id, ids };
}

const read = async (app: App, who: Who, url: string) => {
  const r = await app.inject({ url: `/api/v1${url}`, headers: who.auth });
  return { status: r.statusCode, type: r.headers['content-type'], body: r.json() };
};

/** Asked twice of the app as it runs (the second from what it keeps) and once of the one that keeps nothing: all three the same. */
async function same(w: World, who: Who, url: string) {
  const first = await read(w.kept, who, url);
  const again = await read(w.kept, who, url);
  const fresh = await read(w.fresh, who, url);
  expect(again, url).toEqual(first);
  expect(again, url).toEqual(fresh);
  return again;
}

describe('what reads of challenges keep between requests', () => {
  let w: World;
  beforeAll(async () => { w = await world(); });

  it('answers every kind of reader as a fresh read would', async () => {
    const urls = ['/challenges', '/challenges?q=数字', '/challenges?q=数字&pageSize=1&page=2', '/challenges?q=工厂&sort=newest',
      ...Object.values(w.ids).map((id) => `/challenges/${id}`)];
    const readers: Array<[string, Who]> = [['anonymous', anonymous], ...Object.entries(w.people)];
    for (const [name, who] of readers) {
      for (const url of urls) {
        const r = await same(w, who, url);
        expect(r.type, `${name} ${url}`).toMatch(/^application\/(problem\+)?json/);
      }
    }
    // What each saw is what they may see (so the comparison above compared something).
    const board = async (who: Who) => (await read(w.kept, who, '/challenges?q=数字')).body.items as Array<Record<string, any>>;
    const byId = (items: Array<Record<string, any>>, id: string) => items.find((i) => i.id === id);
    expect(byId(await board(anonymous), w.ids.twin)).toMatchObject({ contact: null, allowedActions: [], myApplication: null });
    expect(byId(await board(anonymous), w.ids.noticed)?.awardedLeads).toBeUndefined();
    expect(byId(await board(w.people.employee), w.ids.twin)).toMatchObject({ contact: '王老师 010-1234', allowedActions: ['apply'] });
    expect(byId(await board(w.people.employee), w.ids.twin)?.highlights.title).toBe('<mark>数字</mark>孪生平台');
    expect(byId(await board(w.people.employee), w.ids.noticed)?.awardedLeads).toEqual([
      { id: w.people.lead.id, name: '林挂帅', departmentName: '数字化中心', members: [{ id: w.people.member.id, name: '周成员' }], review: null },
    ]);
    expect(byId(await board(w.people.lead), w.ids.noticed)?.myApplication).toMatchObject({ status: 'selected' });
    expect(byId(await board(w.people.employee), w.ids.draft)).toBeUndefined();
    expect(byId(await board(w.people.sponsor), w.ids.draft)?.allowedActions).toEqual(['submit', 'edit']);
    expect(byId(await board(w.people.organizer), w.ids.noticed)?.allowedActions).toEqual([]); // notice running
    expect((await read(w.kept, w.people.employee, `/challenges/${w.ids.draft}`)).status).toBe(404);
  });

  it('shows every change at once: an application, renamed campaign, department and lead, and the clock', async () => {
    const twin = `/challenges/${w.ids.twin}`;
    const onBoard = async (who: Who, id: string) =>
      ((await same(w, who, '/challenges?q=数字')).body.items as Array<Record<string, any>>).find((i) => i.id === id)!;
    expect(await onBoard(w.people.applicant, w.ids.twin)).toMatchObject({ applicantCount: 0, myApplication: null, allowedActions: ['apply'] });
    expect((await same(w, w.people.employee, twin)).body.applicantCount).toBe(0);

    // Applying does not retire what is kept: the count and the applicant's own state are read on every request.
    const applied = await w.kept.inject({ method: 'POST', url: `/api/v1${twin}/applications`, headers: w.people.applicant.auth, payload: { proposal: proposal() } });
    expect(applied.statusCode, applied.body).toBe(201);
    expect(await onBoard(w.people.applicant, w.ids.twin)).toMatchObject({ applicantCount: 1, myApplication: { id: applied.json().id, status: 'submitted' }, allowedActions: [] });
    expect((await same(w, w.people.employee, twin)).body).toMatchObject({ applicantCount: 1, allowedActions: ['apply'] });

    const patch = async (who: TestUser, url: string, payload: object) => {
      const r = await w.kept.inject({ method: 'PATCH', url: `/api/v1${url}`, headers: who.auth, payload });
      expect(r.statusCode, r.body).toBe(200);
    };
    await patch(w.people.organizer, `/campaigns/${w.campaignId}`, { name: '数字化攻坚 2026' });
    expect((await same(w, w.people.employee, twin)).body.campaignName).toBe('数字化攻坚 2026');
    expect((await onBoard(anonymous, w.ids.craft)).campaignName).toBe('数字化攻坚 2026');

    await patch(w.people.admin, `/departments/${w.departmentId}`, { name: '数字化转型中心' });
    expect((await same(w, w.people.employee, twin)).body.sponsorDepartmentName).toBe('数字化转型中心');

    await patch(w.people.admin, `/users/${w.people.lead.id}`, { name: '林新名' });
    expect((await onBoard(w.people.employee, w.ids.noticed)).awardedLeads[0]).toMatchObject({ name: '林新名', departmentName: '数字化转型中心' });

    // Past the deadline nobody may apply any more, though nothing was written.
    w.clock.set('2026-07-01T00:00:01.000Z');
    expect((await same(w, w.people.employee, twin)).body.allowedActions).toEqual([]);
    expect((await onBoard(w.people.employee, w.ids.craft)).allowedActions).toEqual([]);
  });
});
