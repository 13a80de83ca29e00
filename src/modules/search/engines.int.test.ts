// The search index on the databases' own engines (FTS5, tsvector + GIN): built from the rows by
// its migration, and answering short Chinese queries exactly and in a sensible order over a few
// thousand generated challenges.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { afterFile, dialect, testDb } from '../../../test/support/app.ts';
import { makeDepartment } from '../../../test/support/factories.ts';
import { adminQuery, urlFor } from '../../../test/support/pg.ts';
import { inTransaction, openDb, type Db } from '../../db/connect.ts';
import { migrateTo, migrateToLatest } from '../../db/migrate.ts';
import type { ChallengeTable } from '../../db/schema.ts';
import { makeCampaign, makeChallenge } from '../applications/test-helpers.ts';
import { challengeScopeOf } from '../challenges/scope.ts';
import { ftsColumns } from './columns.ts';
import { buildHeads, docStats, headsTop, idf, impact } from './heads.ts';
import { buildPgHeads, pgHeadsTop } from './pg-heads.ts';
import { indexChallenge, matchQuery, rankedMatches, unindexChallenges } from './service.ts';
import { normalize, queryTokens } from './text.ts';
import { lexemeRank, pgRelevance, tsLexemes } from './tsvector.ts';

/** An empty database of the dialect under test (not the migrated template). */
async function emptyDb(): Promise<Db> {
  if (dialect === 'postgres') {
    const name = `jiebang_m_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    const db = openDb(urlFor(name));
    afterFile(async () => { await db.destroy(); await adminQuery(`drop database if exists ${name} with (force)`); });
    return db;
  }
  const dir = mkdtempSync(join(tmpdir(), 'jiebang-mig-'));
  const db = openDb(`sqlite:${join(dir, 'm.db')}`);
  afterFile(async () => { await db.destroy(); rmSync(dir, { recursive: true, force: true }); });
  return db;
}

const found = async (db: Db, q: string) => (await matchQuery(db, q)!.orderBy('score', 'desc').execute()).map((r) => r.challenge_id);

describe('the search index migration', () => {
  it('builds the engine\'s index from the challenges already there and drops the posting table', async () => {
    const db = await emptyDb();
    await migrateTo(db, '0015_files');
    const dept = await makeDepartment(db);
    const campaign = await makeCampaign(db);
    const a = await makeChallenge(db, campaign.id, dept.id, { title: '隧道智能监测', background: '盾构施工' });
    const b = await makeChallenge(db, campaign.id, dept.id, { title: 'BIM 正向设计', background: '智能建造的监测数据' });
    await migrateToLatest(db);
    expect(await found(db, '监测')).toEqual([a.id, b.id]); // the title hit first
    expect(await found(db, 'bi')).toEqual([b.id]);
    expect(await found(db, '盾构施工')).toEqual([a.id]);
    const tables = dialect === 'postgres'
      ? await sql<{ name: string }>`select tablename as name from pg_tables where tablename = 'search_tokens'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where name = 'search_tokens'`.execute(db);
    expect(tables.rows).toEqual([]);
  });
});

describe('short queries and ranking over generated challenges', () => {
  const N = 2000;
  const HAN = '数字化转型智能建造隧道监测安全生产设计施工平台管理桥梁运维';
  let db: Db;
  const rows: ChallengeTable[] = [];
  // A seeded generator: the same texts every run.
  let seed = 20261202;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const text = (len: number) => Array.from({ length: len }, () => HAN[Math.floor(rnd() * HAN.length)]).join('');

  beforeAll(async () => {
    db = await testDb();
    const dept = await makeDepartment(db);
    const campaign = await makeCampaign(db);
    for (let i = 0; i < N; i++) {
      rows.push(await makeChallenge(db, campaign.id, dept.id, { title: text(6 + (i % 5)), goals: text(8), background: text(30), tags: JSON.stringify(i % 7 ? [] : ['BIM']) }));
    }
    await inTransaction(db, async (tx) => { for (const r of rows) await indexChallenge(tx, r); });
  });

  const indexed = (r: ChallengeTable) => normalize([r.title, JSON.parse(r.tags).join(' '), r.category, r.goals, r.background].join('\n'));

  it('finds exactly the challenges holding a one- or two-character query, or a latin prefix', async () => {
    for (const q of ['数', '隧', '监测', '安全', '桥梁', 'bi', 'BIM']) {
      const expected = rows.filter((r) => indexed(r).includes(normalize(q))).map((r) => r.id).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect((await found(db, q)).sort(), q).toEqual(expected);
    }
  });

  it('ranks every title hit above every challenge that has the query only in its background', async () => {
    for (const q of ['隧', '监测']) {
      const order = await found(db, q);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const inTitle = order.map((id) => normalize(byId.get(id)!.title).includes(q));
      const onlyBackground = order.map((id) => { const r = byId.get(id)!; return !normalize(r.title + r.goals + r.tags).includes(q); });
      const lastTitle = inTitle.lastIndexOf(true);
      const firstBackground = onlyBackground.indexOf(true);
      expect(lastTitle).toBeGreaterThanOrEqual(0);
      expect(firstBackground).toBeGreaterThan(lastTitle);
    }
  });

  it('a ranked page is the head of the full order among what the reader may see, and its count', async () => {
    // A fifth of the challenges leave the board (drafts, cancelled), and a few move to another campaign.
    const other = await makeCampaign(db);
    for (const [i, r] of rows.entries()) {
      if (i % 5 === 1) await db.updateTable('challenges').set({ status: i % 2 ? 'draft' : 'cancelled' }).where('id', '=', r.id).execute();
      if (i % 40 === 3) await db.updateTable('challenges').set({ campaign_id: other.id }).where('id', '=', r.id).execute();
    }
    const docs = dialect === 'sqlite'
      ? new Map((await db.selectFrom('search_docs').select(['doc', 'challenge_id']).execute()).map((d) => [d.challenge_id, d.doc]))
      : new Map<string, number>();
    const state = new Map((await db.selectFrom('challenges').select(['id', 'status', 'campaign_id', 'created_at']).execute()).map((c) => [c.id, c]));
    // Equal scores: the most recently indexed first (SQLite), the board's newer-then-id (PostgreSQL).
    const tie = dialect === 'sqlite'
      ? (a: string, b: string) => docs.get(b)! - docs.get(a)!
      : (a: string, b: string) => (state.get(b)!.created_at > state.get(a)!.created_at ? 1 : state.get(b)!.created_at < state.get(a)!.created_at ? -1 : a < b ? -1 : 1);
    const employee = challengeScopeOf(false, [], 'sd');
    const inOther = (eb: Parameters<typeof employee>[0]) => eb.and([employee(eb), eb('sd.campaign_id', '=', other.id)]);
    const onBoard = (id: string) => !['draft', 'cancelled'].includes(state.get(id)!.status);
    for (const q of ['数', '监测', 'bi']) {
      // The expected order, computed apart: every match's engine score, then the tie-break.
      const scored = await matchQuery(db, q)!.execute();
      const order = scored.sort((a, b) => b.score - a.score || tie(a.challenge_id, b.challenge_id)).map((m) => m.challenge_id);
      const visible = order.filter(onBoard);
      const elsewhere = visible.filter((id) => state.get(id)!.campaign_id === other.id);
      expect(elsewhere.length, q).toBeGreaterThan(0);
      for (const want of [1, 20, 60]) {
        expect(await rankedMatches(db, q, employee, want), `${q} ${want}`).toEqual({ ids: visible.slice(0, want), total: visible.length, exact: true });
        // A filter that rejects nearly every match: the top is widened, then (past the widest) the facts are joined first.
        for (const widestTop of [16_384, 64]) {
          expect(await rankedMatches(db, q, inOther, want, { countUpTo: 10_000, widestTop, headsFrom: 2_000 }), `${q} ${want} ${widestTop}`)
            .toEqual({ ids: elsewhere.slice(0, want), total: elsewhere.length, exact: true });
        }
      }
      // Counting stops at its bound: the total is then a lower bound.
      expect(await rankedMatches(db, q, employee, 5, { countUpTo: 3, widestTop: 16_384, headsFrom: 2_000 })).toEqual({ ids: visible.slice(0, 3), total: 3, exact: false });
    }
  });

  /** Every indexed document's length and per-token column weights, from the challenges' texts as they are now. */
  async function collection() {
    const all = await db.selectFrom('search_docs as sd').innerJoin('challenges as c', 'c.id', 'sd.challenge_id')
      .select(['sd.doc', 'c.id', 'c.title', 'c.tags', 'c.category', 'c.technical_route', 'c.goals', 'c.background']).execute();
    return all.map((r) => ({ doc: r.doc, id: r.id, ...docStats(ftsColumns(r)) }));
  }

  it('a head\'s impact is bm25 without its idf: the same order as the engine for one token', async () => {
    if (dialect === 'postgres') return;
    const docs = await collection();
    const avgdl = docs.reduce((n, d) => n + d.length, 0) / docs.length;
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const [q, token] of [['数', '数'], ['监测', '监测'], ['bi', 'bi']]) {
      const scored = await matchQuery(db, q)!.execute();
      expect(scored.length).toBeGreaterThan(20);
      const ratios = scored.map((m) => { const d = byId.get(m.challenge_id)!; return m.score / impact(d.weights.get(token)!, d.length, avgdl); });
      // One factor (the idf) for every document: the formula is FTS5's own.
      for (const r of ratios) expect(Math.abs(r / ratios[0] - 1), q).toBeLessThan(1e-9);
    }
  });

  /**
   * Edits that move documents through 监测's head: one put in by its title and tags (first now),
   * one of its best three taken out by an edit, one removed; the page expected after them.
   */
  async function moveThroughHead(expected: (token: string) => Promise<string[]>): Promise<string[]> {
    const [lifted, dropped, removed] = (await expected('监测')).slice(0, 3).reverse();
    const edit = async (id: string, fields: Partial<ChallengeTable>) => {
      await db.updateTable('challenges').set(fields).where('id', '=', id).execute();
      const row = await db.selectFrom('challenges').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await inTransaction(db, (tx) => indexChallenge(tx, row));
    };
    const outsider = (await db.selectFrom('challenges').selectAll().where('status', 'not in', ['draft', 'cancelled']).execute())
      .find((r) => !indexed(r).includes('监测'))!;
    await edit(outsider.id, { title: '监测 监测 监测', tags: JSON.stringify(['监测']), goals: '', background: '' });
    await edit(dropped, { title: '桥梁', tags: '[]', category: '设计', technical_route: null, goals: '施工', background: '平台' });
    await inTransaction(db, (tx) => unindexChallenges(tx, [removed]));
    const now = await expected('监测');
    expect(now[0]).toBe(outsider.id);
    expect(now).not.toContain(dropped);
    expect(now).not.toContain(removed);
    expect(now).toContain(lifted);
    return now;
  }

  it('heads answer one-token pages exactly, and stay exact through edits and removals', async () => {
    if (dialect === 'postgres') return;
    const built = await buildHeads(db, { minDocs: 60, size: 50 });
    expect(built!.tokens).toBeGreaterThan(0);
    const heads = new Map((await db.selectFrom('search_head_tokens').selectAll().execute()).map((h) => [h.token, h]));
    for (const token of ['数', '监测', 'bi']) expect(heads.has(token), token).toBe(true);
    const employee = challengeScopeOf(false, [], 'sd');
    const state = async () => new Map((await db.selectFrom('challenges').select(['id', 'status']).execute()).map((c) => [c.id, c.status]));

    /** What a one-token page must be, computed apart from the head: every holder by impact under the head's avgdl, then newer first. */
    const expected = async (token: string) => {
      const { avgdl, floor } = heads.get(token)!;
      const statuses = await state();
      const holders = (await collection()).filter((d) => d.weights.has(token))
        .map((d) => ({ ...d, impact: impact(d.weights.get(token)!, d.length, avgdl) }))
        .sort((a, b) => b.impact - a.impact || b.doc - a.doc);
      // The invariant: every holder reaching the floor is in the head.
      const inHead = new Set((await db.selectFrom('search_heads as h').innerJoin('search_docs as sd', 'sd.doc', 'h.doc')
        .select('sd.challenge_id').where('h.token', '=', token).execute()).map((r) => r.challenge_id));
      for (const h of holders) if (h.impact >= floor) expect(inHead.has(h.id), `${token} ${h.id}`).toBe(true);
      return holders.filter((h) => !['draft', 'cancelled'].includes(statuses.get(h.id)!)).map((h) => h.id);
    };
    const limits = { countUpTo: 10_000, widestTop: 16_384, headsFrom: 0 };
    const page = async (token: string, want: number) => (await rankedMatches(db, token, employee, want, limits))!.ids;

    for (const token of ['数', '监测', 'bi']) expect(await page(token, 20), token).toEqual((await expected(token)).slice(0, 20));
    // The page is read from the head, not from the engine: move the tenth document to the top of
    // the head only, and the page follows (then put it back).
    const tenth = (await expected('数'))[9];
    const doc = (await db.selectFrom('search_docs').select('doc').where('challenge_id', '=', tenth).executeTakeFirstOrThrow()).doc;
    const was = (await db.selectFrom('search_heads').select('impact').where('token', '=', '数').where('doc', '=', doc).executeTakeFirstOrThrow()).impact;
    await db.updateTable('search_heads').set({ impact: 99 }).where('token', '=', '数').where('doc', '=', doc).execute();
    expect((await page('数', 3))[0]).toBe(tenth);
    await db.updateTable('search_heads').set({ impact: was }).where('token', '=', '数').where('doc', '=', doc).execute();

    // An edit that puts 监测 in a challenge's title and tags lifts it into the head; one that takes
    // it out of a head document drops it; a removed challenge leaves every head.
    const now = await moveThroughHead(expected);
    expect(await page('监测', 20)).toEqual(now.slice(0, 20));
    // A page deeper than what the head holds above its floor is the engine's.
    const deep = (await rankedMatches(db, '监测', employee, 200, limits))!.ids;
    expect(deep.slice(0, 20)).toEqual(now.slice(0, 20));
    expect(deep.length).toBe(Math.min(200, now.length));
  });

  it('heads answer several tokens at once (the threshold algorithm), or say they cannot', async () => {
    if (dialect === 'postgres') return;
    await buildHeads(db, { minDocs: 60, size: 50 });
    const heads = new Map((await db.selectFrom('search_head_tokens').selectAll().execute()).map((h) => [h.token, h]));
    const statuses = new Map((await db.selectFrom('challenges').select(['id', 'status']).execute()).map((c) => [c.id, c.status]));
    const employee = challengeScopeOf(false, [], 'sd');
    const docs = await collection();
    let answered = 0;
    for (const q of ['监测 bi', '数 隧 监', '安 设', '桥 数 平 bi']) {
      const tokens = [...new Set(q.split(' ').flatMap((w) => w.length > 2 ? [...w].slice(0, -1).map((ch, i) => ch + w[i + 1]) : [w]))];
      expect(tokens.every((t) => heads.has(t)), q).toBe(true);
      // The order computed apart: every document holding all tokens, Σ idf·impact with the heads' counts.
      const order = docs.filter((d) => tokens.every((t) => d.weights.has(t)) && !['draft', 'cancelled'].includes(statuses.get(d.id)!))
        .map((d) => ({ ...d, score: tokens.reduce((n, t) => { const h = heads.get(t)!; return n + idf(h.docs, h.held) * impact(d.weights.get(t)!, d.length, h.avgdl); }, 0) }))
        .sort((a, b) => b.score - a.score || b.doc - a.doc).map((d) => d.id);
      expect(order.length, q).toBeGreaterThan(5);
      for (const want of [1, 5, 20]) {
        const top = await headsTop(db, tokens, employee, want);
        // Either the exact page, or no answer (the engine's turn): never a wrong page.
        if (top) { answered++; expect(top, `${q} ${want}`).toEqual(order.slice(0, want)); }
      }
    }
    expect(answered).toBeGreaterThanOrEqual(4);
    expect(await headsTop(db, ['监测', '不在任何文档'], employee, 5)).toBeNull(); // a token without a head
  });

  /** PostgreSQL: every holder of a query's tokens with the engine's rank for it, in the board's order (rank, newer, id). */
  async function pgHolders(token: string) {
    const scored = await db.selectFrom(matchQuery(db, token)!.as('m')).innerJoin('challenges as c', 'c.id', 'm.challenge_id')
      .select(['c.id', 'c.status', 'c.created_at', 'c.title', 'c.tags', 'c.category', 'c.technical_route', 'c.goals', 'c.background', 'm.score']).execute();
    return scored.map((r) => ({ ...r, score: Math.fround(Number(r.score)) }))
      .sort((a, b) => b.score - a.score || (b.created_at > a.created_at ? 1 : b.created_at < a.created_at ? -1 : a.id < b.id ? -1 : 1));
  }

  it('PostgreSQL: a one-token rank computed from the document is ts_rank_cd\'s own', async () => {
    if (dialect !== 'postgres') return;
    const ranks = new Set<number>();
    for (const token of ['数', '监测', 'bi', '隧']) {
      const holders = await pgHolders(token);
      expect(holders.length).toBeGreaterThan(20);
      const raw = new Map((await sql<{ id: string; rank: number }>`select challenge_id as id, ts_rank_cd('{0.1,0.3,0.5,1}', doc, ${token}::tsquery) as rank from challenge_search`.execute(db)).rows.map((r) => [r.id, Number(r.rank)]));
      for (const h of holders) {
        const rank = lexemeRank(tsLexemes(h).get(token)!);
        expect(rank, `${token} ${h.id}`).toBe(Math.fround(raw.get(h.id)!)); // the server's own float4
        expect(pgRelevance(rank), `${token} ${h.id}`).toBe(h.score); // the board's, rounded
      }
      for (const h of holders) ranks.add(h.score);
    }
    // Not a few constants: titles, tags and repeats make many different ranks.
    expect(ranks.size).toBeGreaterThan(5);
  });

  it('PostgreSQL: several tokens rank by the sum of their own ranks; heads answer such pages exactly (the threshold algorithm), or say they cannot', async () => {
    if (dialect !== 'postgres') return;
    await buildPgHeads(db, { minDocs: 60, size: 50 });
    const headed = new Set((await db.selectFrom('challenge_search_head_tokens').select('token').execute()).map((h) => h.token));
    const employee = challengeScopeOf(false, [], 'sd');
    let answered = 0;
    for (const q of ['监测 bi', '数 隧 监', '安 设', '桥 数 平 bi', '设计 数', '施 工 平']) {
      const tokens = queryTokens(q);
      expect(tokens.length, q).toBeGreaterThan(1);
      expect(tokens.every((t) => headed.has(t)), q).toBe(true);
      const holders = await pgHolders(q);
      expect(holders.length, q).toBeGreaterThan(5);
      // The engine's rank is each token's own rank summed, exactly once rounded.
      for (const h of holders) {
        const lexemes = tsLexemes(h);
        expect(pgRelevance(tokens.reduce((n, t) => n + pgRelevance(lexemeRank(lexemes.get(t)!)), 0)), `${q} ${h.id}`).toBe(h.score);
      }
      const order = holders.filter((h) => !['draft', 'cancelled'].includes(h.status)).map((h) => h.id);
      // The engine's page (no heads) is the board's order; from the heads, the same or no answer.
      expect((await rankedMatches(db, q, employee, 20, { countUpTo: 10_000, widestTop: 16_384, headsFrom: Infinity }))!.ids, q).toEqual(order.slice(0, 20));
      for (const want of [1, 5, 20]) {
        // Either the exact page, or no answer (the engine's turn): never a wrong page. Given the
        // matches (as the board's count reads them), candidates that do not match are dropped.
        for (const matches of [null, new Set(order)]) {
          const top = await pgHeadsTop(db, tokens, employee, want, matches);
          if (top) { answered++; expect(top, `${q} ${want}`).toEqual(order.slice(0, want)); }
        }
      }
      expect((await rankedMatches(db, q, employee, 20, { countUpTo: 10_000, widestTop: 16_384, headsFrom: 0 }))!.ids, q).toEqual(order.slice(0, 20));
    }
    expect(answered).toBeGreaterThanOrEqual(8);
    // The board's page is read from the heads: a document in both heads of 安 and 设, lifted in one
    // head only, comes first.
    const both = (await db.selectFrom('challenge_search_heads').select('challenge_id').where('token', 'in', ['安', '设'])
      .groupBy('challenge_id').having((eb) => eb.fn.countAll(), '=', 2).execute()).map((r) => r.challenge_id);
    const visible = (await pgHolders('安 设')).filter((h) => !['draft', 'cancelled'].includes(h.status)).map((h) => h.id);
    const lifted = visible.find((id, i) => i > 0 && both.includes(id))!;
    const part = () => db.updateTable('challenge_search_heads').where('token', '=', '安').where('challenge_id', '=', lifted);
    const was = (await db.selectFrom('challenge_search_heads').select('impact').where('token', '=', '安').where('challenge_id', '=', lifted).executeTakeFirstOrThrow()).impact;
    await part().set({ impact: 99 }).execute();
    expect((await rankedMatches(db, '安 设', employee, 5, { countUpTo: 10_000, widestTop: 16_384, headsFrom: 0 }))!.ids[0]).toBe(lifted);
    await part().set({ impact: was }).execute();
    expect(await pgHeadsTop(db, ['监测', '不在任何文档'], employee, 5)).toBeNull(); // a token without a head
    // A filter that only a few head documents pass: the page is still right (from the heads or the engine).
    const one = (await pgHolders('数 隧 监')).filter((h) => !['draft', 'cancelled'].includes(h.status)).slice(-3);
    const few = (eb: any) => eb.and([employee(eb), eb('sd.challenge_id', 'in', one.map((h) => h.id))]);
    expect((await rankedMatches(db, '数 隧 监', few, 20, { countUpTo: 10_000, widestTop: 16_384, headsFrom: 0 }))!.ids).toEqual(one.map((h) => h.id));
  });

  it('PostgreSQL: heads answer one-token pages exactly, and stay exact through edits and removals', async () => {
    if (dialect !== 'postgres') return;
    const built = await buildPgHeads(db, { minDocs: 60, size: 50 });
    expect(built!.tokens).toBeGreaterThan(0);
    const employee = challengeScopeOf(false, [], 'sd');
    const limits = { countUpTo: 10_000, widestTop: 16_384, headsFrom: 0 };
    const page = async (token: string, want: number) => (await rankedMatches(db, token, employee, want, limits))!.ids;
    /** The page computed apart from the head (the engine's rank of every holder), after checking the invariant. */
    const expected = async (token: string) => {
      const holders = await pgHolders(token);
      const floor = await db.selectFrom('challenge_search_head_tokens').selectAll().where('token', '=', token).executeTakeFirstOrThrow();
      const inHead = new Set((await db.selectFrom('challenge_search_heads').select('challenge_id').where('token', '=', token).execute()).map((r) => r.challenge_id));
      expect(floor.floor_id).not.toBeNull(); // more holders than the head keeps
      const f = { score: Math.fround(floor.floor_impact!), created_at: floor.floor_created_at!, id: floor.floor_id! };
      const reaches = (h: typeof f) => h.score > f.score || (h.score === f.score && (h.created_at > f.created_at || (h.created_at === f.created_at && h.id <= f.id)));
      // Every holder at or above the floor is in the head.
      const above = holders.filter(reaches);
      expect(above.length).toBeGreaterThan(20);
      for (const h of above) expect(inHead.has(h.id), `${token} ${h.id}`).toBe(true);
      return holders.filter((h) => !['draft', 'cancelled'].includes(h.status)).map((h) => h.id);
    };
    for (const token of ['数', '监测', 'bi']) expect(await page(token, 20), token).toEqual((await expected(token)).slice(0, 20));
    // The page is read from the head: lift its tenth document in the head only, and the page follows.
    const tenth = (await expected('数'))[9];
    const head = (key: string) => db.updateTable('challenge_search_heads').where('token', '=', '数').where('challenge_id', '=', key);
    const was = (await db.selectFrom('challenge_search_heads').select('impact').where('token', '=', '数').where('challenge_id', '=', tenth).executeTakeFirstOrThrow()).impact;
    await head(tenth).set({ impact: 99 }).execute();
    expect((await page('数', 3))[0]).toBe(tenth);
    await head(tenth).set({ impact: was }).execute();

    // An edit that puts 监测 in a challenge's title and tags lifts it into the head; one that takes
    // it out of a head document drops it; a removed challenge leaves every head.
    const now = await moveThroughHead(expected);
    expect(await page('监测', 20)).toEqual(now.slice(0, 20));
    // Deeper than the head holds: the engine answers, in the same order.
    const deep = (await rankedMatches(db, '监测', employee, 200, limits))!.ids;
    expect(deep).toEqual(now.slice(0, 200));
    // A challenge leaving the board leaves the page at once (its facts follow its row).
    await db.updateTable('challenges').set({ status: 'cancelled' }).where('id', '=', now[0]).execute();
    expect((await page('监测', 20))[0]).toBe(now[1]);
  });

  it('PostgreSQL: a page whose last rank equals what the heads leave out is not taken from them when an older document was ranked last', async () => {
    if (dialect !== 'postgres') return;
    // Ranks of 甲 and 乙 (background: 0.1 each, up to 5 repeats); heads of 2 documents each.
    //   甲's head: L 0.5, a2 0.3 (floor; u ties it but is older)   乙's head: b1 0.5, b2 0.4 (floor; u ties it, older)
    // L and u both rank 0.7 = the floors' sum; u, newer, comes first but is in no head.
    const dept = await makeDepartment(db);
    const campaign = await makeCampaign(db);
    const doc = async (background: string, year: number) => {
      const at = `${year}-01-01T00:00:00.000Z`;
      const c = await makeChallenge(db, campaign.id, dept.id, { background, created_at: at, published_at: at });
      await inTransaction(db, (tx) => indexChallenge(tx, c));
      return c.id;
    };
    const L = await doc('甲甲甲甲甲乙乙', 2020);
    const u = await doc('甲甲甲乙乙乙乙', 2021);
    await doc('甲乙乙乙乙乙', 2022); // b1
    await doc('甲甲甲乙', 2023); // a2
    await doc('甲乙乙乙乙', 2024); // b2
    await buildPgHeads(db, { minDocs: 1, size: 2 });
    const employee = challengeScopeOf(false, [], 'sd');
    const holders = (await pgHolders('甲 乙')).map((h) => h.id);
    expect(holders.slice(0, 2)).toEqual([u, L]);
    // The heads cannot tell u (0.7 at both floors) from L: they must not answer with L.
    expect(await pgHeadsTop(db, ['甲', '乙'], employee, 1)).toBeNull();
    expect(await pgHeadsTop(db, ['甲', '乙'], employee, 1, new Set(holders))).toBeNull();
    expect((await rankedMatches(db, '甲 乙', employee, 2, { countUpTo: 10_000, widestTop: 16_384, headsFrom: 0 }))!.ids).toEqual([u, L]);
  });
});
