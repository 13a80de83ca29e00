import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { makeDepartment, makeUser, type TestUser } from '../../../test/support/factories.ts';
import { countRows, makeCampaign, makeChallenge, proposal } from './test-helpers.ts';

// Requests are fired together through app.inject; on PostgreSQL they run on separate pooled
// connections at once, on SQLite their transactions queue on the one connection.

let t: TestApp;
let dept: { id: string };
let campaignId: string;

const apply = (who: TestUser, challengeId: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/challenges/${challengeId}/applications`, headers: { ...who.auth, ...headers }, payload });
const activeLeads = async (userId: string) =>
  Number((await t.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('lead_id', '=', userId).where('status', '!=', 'withdrawn').executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await testApp();
  dept = await makeDepartment(t.db);
  campaignId = (await makeCampaign(t.db)).id;
});

describe('limits under concurrent requests', () => {
  it('50 parallel applications by one person to 50 challenges: exactly maxActiveLeads (1) succeed', async () => {
    const lead = await makeUser(t.db);
    const challenges = await Promise.all(Array.from({ length: 50 }, () => makeChallenge(t.db, campaignId, dept.id)));
    const results = await Promise.all(challenges.map((c) => apply(lead, c.id, { proposal: proposal() })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().rule === 'maxActiveLeads')).toBe(true);
    expect(await activeLeads(lead.id)).toBe(1);
    const counted = await t.db.selectFrom('challenges').select((eb) => eb.fn.sum<number>('applicant_count').as('n'))
      .where('id', 'in', challenges.map((c) => c.id)).executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(1);
  });

  it('20 teams inviting the same person at once: exactly maxMemberships (3) invitations succeed', async () => {
    const member = await makeUser(t.db);
    const leads = await Promise.all(Array.from({ length: 20 }, () => makeUser(t.db)));
    const challenges = await Promise.all(leads.map(() => makeChallenge(t.db, campaignId, dept.id)));
    const results = await Promise.all(leads.map((l, i) => apply(l, challenges[i].id, { proposal: proposal(), memberIds: [member.id] })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409 && r.json().rule === 'maxMemberships')).toHaveLength(17);
    const seats = await t.db.selectFrom('application_members').select('application_id').where('user_id', '=', member.id).execute();
    expect(seats).toHaveLength(3);
  });
});

describe('Idempotency-Key', () => {
  it('the same key and body twice, one after the other: one application, the same response', async () => {
    const lead = await makeUser(t.db);
    const c = await makeChallenge(t.db, campaignId, dept.id);
    const key = { 'idempotency-key': 'apply-once-1' };
    const first = await apply(lead, c.id, { proposal: proposal() }, key);
    const second = await apply(lead, c.id, { proposal: proposal() }, key);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await activeLeads(lead.id)).toBe(1);

    const other = await apply(lead, c.id, { proposal: proposal('另一份方案') }, key);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency_mismatch');
    // Keys belong to a person: someone else may use the same text.
    const stranger = await makeUser(t.db);
    expect((await apply(stranger, c.id, { proposal: proposal() }, key)).statusCode).toBe(201);
  });

  it('the same key sent 5 times at once: one application, every answer the same', async () => {
    const lead = await makeUser(t.db);
    const c = await makeChallenge(t.db, campaignId, dept.id);
    const before = await countRows(t.db);
    const results = await Promise.all(Array.from({ length: 5 }, () => apply(lead, c.id, { proposal: proposal() }, { 'idempotency-key': 'burst-7f3a' })));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const ids = new Set(results.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    const after = await countRows(t.db);
    expect(after.applications - before.applications).toBe(1);
    expect(after.keys - before.keys).toBe(1);
  });

  it('a refused request stores no key; an over-long key is a 400 naming the header', async () => {
    const lead = await makeUser(t.db);
    const c = await makeChallenge(t.db, campaignId, dept.id, { status: 'closed' });
    const before = await countRows(t.db);
    const refused = await apply(lead, c.id, { proposal: proposal() }, { 'idempotency-key': 'closed-1' });
    expect(refused.statusCode).toBe(409);
    const long = await apply(lead, c.id, { proposal: proposal() }, { 'idempotency-key': 'k'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].path).toBe('headers.idempotency-key');
    expect(await countRows(t.db)).toEqual(before);
  });
});
