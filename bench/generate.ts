// W6: the benchmark data generator. Seeded and repeatable; writes straight into a migrated
// SQLite file with better-sqlite3 prepared statements in large transactions (the schema comes
// from the project's own migrations, and the search rows from the search module's own
// tokenizer), then caches the file under bench/.data/ keyed by the parameters and the version.
//
//   node --import tsx bench/generate.ts [--quick] [--fresh]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { openDb } from '../src/db/connect.ts';
import { buildHeads } from '../src/modules/search/heads.ts';
import { latestMigration, migrateToLatest } from '../src/db/migrate.ts';
import { createAccessToken } from '../src/modules/auth/sessions.ts';
import { FIELDS, ftsColumns } from '../src/modules/search/service.ts';
import { Rng, uuid7 } from './prng.ts';
import * as W from './words.ts';

/** Bump when the generator's output changes, so cached databases are rebuilt. */
export const GENERATOR_VERSION = 1;

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = join(ROOT, 'bench', '.data');

export interface GenParams {
  seed: number;
  users: number;
  campaigns: number;
  challenges: number;
  applications: number;
}

export const FULL: GenParams = { seed: 20261125, users: 300_000, campaigns: 20, challenges: 100_000, applications: 1_000_000 };
export const QUICK: GenParams = { seed: 20261125, users: 10_000, campaigns: 8, challenges: 10_000, applications: 100_000 };

export interface BenchDb {
  file: string;
  /** Bearer token of the bench employee (W1, W4). */
  token: string;
  benchUserId: string;
  counts: Record<string, number>;
  generated?: { seconds: number; rows: number; rowsPerSecond: number; perTable: Record<string, number> };
}

// The word lists, the PRNG and the search tokenizer are part of the key (changes to the
// generator itself bump GENERATOR_VERSION): an index built by an older tokenizer would make
// W1 measure the wrong thing.
function sourceHash(): string {
  const h = createHash('sha256');
  for (const f of ['bench/words.ts', 'bench/prng.ts', 'src/modules/search/text.ts']) h.update(readFileSync(join(ROOT, f)));
  h.update(ftsColumns.toString()).update(JSON.stringify(FIELDS));
  return h.digest('hex').slice(0, 10);
}

const cacheKey = (p: GenParams) =>
  `v${GENERATOR_VERSION}-s${p.seed}-u${p.users}-k${p.campaigns}-c${p.challenges}-a${p.applications}-${latestMigration}-${sourceHash()}`;

const DAY = 86_400_000;
const T0 = Date.parse('2022-01-01T00:00:00.000Z');
const T_END = Date.parse('2026-11-01T00:00:00.000Z');
/** Long-running (常态化) calls stay open until then, so "published" stays consistent for years. */
const OPEN_UNTIL = '2030-12-31T16:00:00.000Z';
/**
 * new Date(ms).toISOString() for the years the data spans, with the date part kept per day: the
 * load formats ~5M timestamps, and a Date and its formatting each time were 4 % of W6.
 */
const dayPrefix = new Map<number, string>();
const pad = (n: number, width: number) => String(n).padStart(width, '0');
function iso(ms: number): string {
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) dayPrefix.set(day, (prefix = new Date(day * DAY).toISOString().slice(0, 11)));
  const r = ms - day * DAY;
  return `${prefix}${pad(Math.floor(r / 3_600_000), 2)}:${pad(Math.floor(r / 60_000) % 60, 2)}:${pad(Math.floor(r / 1000) % 60, 2)}.${pad(r % 1000, 3)}Z`;
}

const ACTIVE = new Set(['submitted', 'qualified', 'selected']);

/** Create the schema with the project's migrations (through Kysely, as the app does). */
async function migrate(file: string) {
  const db = openDb(`sqlite:${file}`);
  await migrateToLatest(db);
  await db.destroy();
}

/**
 * Secondary indexes are dropped during the load and rebuilt after it (same SQL, faster by
 * sorting); so are the triggers that copy a challenge's facts to its search document (the load
 * writes them itself: a trigger per document doubled the challenges' load).
 */
function dropForLoad(sq: SQLite.Database, tables: string[]): string[] {
  const rows = sq.prepare(`select type, name, sql from sqlite_master where type in ('index', 'trigger') and sql is not null and tbl_name in (${tables.map(() => '?').join(',')})`)
    .all(...tables) as Array<{ type: string; name: string; sql: string }>;
  for (const r of rows) sq.exec(`drop ${r.type} "${r.name}"`);
  return rows.map((r) => r.sql);
}

function openForLoad(file: string): SQLite.Database {
  const sq = new SQLite(file);
  // Out of WAL (the migration set it) through DELETE: SQLite refuses WAL → OFF directly.
  sq.pragma('journal_mode = DELETE');
  sq.pragma('journal_mode = OFF');
  sq.pragma('synchronous = OFF');
  sq.pragma('cache_size = -1000000');
  sq.pragma('temp_store = MEMORY');
  sq.pragma('locking_mode = EXCLUSIVE');
  // Rows refer to ids the load has just written (users, campaigns, challenges), so checking every
  // reference cost ~20 % of the load for nothing: `pragma foreign_key_check` on a generated file finds none.
  sq.pragma('foreign_keys = OFF');
  return sq;
}

interface Counter { perTable: Record<string, number> }
const bump = (c: Counter, table: string, n = 1) => { c.perTable[table] = (c.perTable[table] ?? 0) + n; };

/** Run `fn(i)` for i in [0, n) in transactions of `batch` rows. */
function batched(sq: SQLite.Database, n: number, batch: number, fn: (i: number) => void) {
  const tx = sq.transaction((from: number, to: number) => { for (let i = from; i < to; i++) fn(i); });
  for (let i = 0; i < n; i += batch) tx(i, Math.min(n, i + batch));
}

interface Dept { id: string; leaf: boolean }

function insertDepartments(sq: SQLite.Database, rng: Rng, c: Counter, units = W.UNITS, subs = W.SUB_UNITS): Dept[] {
  const ins = sq.prepare('insert into departments (id, name, parent_id, code, sort_order, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)');
  const out: Dept[] = [];
  const at = iso(T0 - 30 * DAY);
  let t = T0 - 30 * DAY;
  sq.transaction(() => {
    units.forEach((u, i) => {
      const id = uuid7(rng, t++);
      ins.run(id, u, null, `U${i + 1}`, i, at, at);
      out.push({ id, leaf: false });
      subs.forEach((s, j) => {
        const sid = uuid7(rng, t++);
        ins.run(sid, s, id, `U${i + 1}-${j + 1}`, j, at, at);
        out.push({ id: sid, leaf: true });
      });
    });
  })();
  bump(c, 'departments', out.length);
  return out;
}

const POLITICAL: Array<[string, number]> = [['party_member', 35], ['probationary', 3], ['league_member', 17], ['none', 45]];
const SKILLS = ['BIM', 'GIS', 'Python', 'Java', '结构设计', '数据治理', '项目管理', '造价', '机器学习', 'Revit', 'PMP', '岩土'];

/**
 * Users: the admin first (so that the server's "is there an admin" check finds one at once),
 * then the bench employee, then `n` people. Returns the ids of the people (not admin/bench).
 */
function insertUsers(sq: SQLite.Database, rng: Rng, c: Counter, depts: Dept[], n: number, loginPrefix: string, tStart: number) {
  const ins = sq.prepare('insert into users (id, login, name, password_hash, employee_no, department_id, roles, political_status, birth_year, skills, disabled, created_at, updated_at) values (?, ?, ?, null, ?, ?, ?, ?, ?, ?, 0, ?, ?)');
  const leaves = depts.filter((d) => d.leaf);
  const step = Math.max(1, Math.floor((T0 - tStart) / (n + 2)));
  const admin = uuid7(rng, tStart);
  const bench = uuid7(rng, tStart + 1);
  const people: string[] = new Array(n);
  const sponsors: string[] = [];
  sq.transaction(() => {
    const at = iso(tStart);
    ins.run(admin, `${loginPrefix}admin`, '系统管理员', null, depts[0].id, '["admin","organizer","supervisor"]', 'party_member', 1975, '[]', at, at);
    ins.run(bench, `${loginPrefix}bench`, '压测员工', null, leaves[0].id, '["employee"]', 'none', 1990, '[]', at, at);
  })();
  batched(sq, n, 50_000, (i) => {
    const t = tStart + 2 + i * step;
    const id = uuid7(rng, t);
    people[i] = id;
    const sponsor = i % 500 === 7;
    if (sponsor) sponsors.push(id);
    const at = iso(t);
    const skills = rng.chance(0.3) ? JSON.stringify(rng.sample(SKILLS, rng.int(1, 3))) : '[]';
    ins.run(id, `${loginPrefix}u${String(i).padStart(6, '0')}`, W.personName(rng), `E${String(i).padStart(7, '0')}`, rng.pick(leaves).id,
      sponsor ? '["employee","sponsor"]' : '["employee"]', rng.weighted(POLITICAL), rng.int(1962, 2003), skills, at, at);
  });
  bump(c, 'users', n + 2);
  return { admin, bench, people, sponsors: sponsors.length ? sponsors : [people[0]] };
}

interface Campaign { id: string; from: number; until: string; open: boolean }

function insertCampaigns(sq: SQLite.Database, rng: Rng, c: Counter, n: number, admin: string): Campaign[] {
  const ins = sq.prepare('insert into campaigns (id, name, theme, description, apply_from, apply_until, settings, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const out: Campaign[] = [];
  const closedCount = Math.floor(n * 0.3);
  sq.transaction(() => {
    for (let k = 0; k < n; k++) {
      const from = T0 + Math.floor(((T_END - T0) * k) / n);
      const open = k >= closedCount;
      const until = open ? OPEN_UNTIL : iso(from + 60 * DAY);
      const id = uuid7(rng, from - 20 * DAY);
      const year = new Date(from).getUTCFullYear();
      const settings = '{"maxActiveLeads":1,"maxMemberships":3,"minReviewers":3,"trimmedMeanFrom":5,"noticeDays":5,"youthAge":35,"reviewRequired":false}';
      ins.run(id, `${year} 年第 ${(k % 4) + 1} 批揭榜挂帅`, '践行十四五战略 打赢数字化攻坚战', '面向全体员工发布数字化转型关键课题，英雄不问出处。', iso(from), until, settings, admin, iso(from - 20 * DAY), iso(from - 20 * DAY));
      out.push({ id, from, until, open });
    }
  })();
  bump(c, 'campaigns', n);
  return out;
}

const OPEN_STATUS: Array<[string, number]> = [['published', 92], ['draft', 3], ['submitted', 3], ['cancelled', 2]];
const CLOSED_STATUS: Array<[string, number]> = [['completed', 30], ['awarded', 30], ['reviewing', 10], ['closed', 10], ['notice', 5], ['unclaimed', 10], ['cancelled', 5]];

export interface ChallengeInfo { id: string; campaign: Campaign; status: string; publishedAt: number }

function insertChallenges(sq: SQLite.Database, rng: Rng, c: Counter, n: number, campaigns: Campaign[], depts: Dept[], sponsors: string[], statusOverride?: string): ChallengeInfo[] {
  const ins = sq.prepare(`insert into challenges (id, campaign_id, title, category, sponsor_department_id, contact, background, goals, kpis, deliverables,
    duration_months, budget_cents, rewards, eligibility, technical_route, team_size_min, team_size_max, race_winners, tags, apply_until, status, status_reason,
    applicant_count, created_by, created_at, updated_at, published_at, closed_at, awarded_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, 0, ?, ?, ?, ?, ?, ?)`);
  const doc = sq.prepare('insert into search_docs (doc, challenge_id, status, sponsor_department_id, campaign_id, category) values (?, ?, ?, ?, ?, ?)');
  const fts = sq.prepare('insert into challenge_fts (rowid, title, tags, category, technical_route, goals, background) values (?, ?, ?, ?, ?, ?, ?)');
  const firstDoc = Number((sq.prepare('select coalesce(max(doc), 0) n from search_docs').get() as { n: number }).n) + 1;
  const out: ChallengeInfo[] = new Array(n);
  const leaves = depts.filter((d) => d.leaf);
  batched(sq, n, 5_000, (i) => {
    // Challenges are spread over the campaigns in order, so ids follow time.
    const campaign = campaigns[Math.min(campaigns.length - 1, Math.floor((i * campaigns.length) / n))];
    const created = campaign.from - 10 * DAY + i; // + i keeps every id's millisecond distinct
    const id = uuid7(rng, created);
    const status = statusOverride ?? rng.weighted(campaign.open ? OPEN_STATUS : CLOSED_STATUS);
    const title = W.title(rng);
    const background = W.background(rng, title);
    const goals = W.goals(rng);
    const category = rng.pick(W.CATEGORIES);
    const tags = JSON.stringify(rng.sample(['数字化转型', 'BIM', '数字孪生', '人工智能', '大数据', '智能建造', '安全生产', '降本增效', '国产化', '绿色低碳'], rng.int(1, 3)));
    const route = rng.pick(W.TECH_ROUTES);
    const budget = rng.int(5, 500) * 1_000_000; // 5–500 万元 in 分
    const kpis = JSON.stringify([
      { name: '设计效率提升', direction: 'higher', baseline: 0, target: rng.int(10, 50), unit: '%', weight: 60 },
      { name: '示范项目数量', direction: 'higher', baseline: null, target: rng.int(1, 5), unit: '个', weight: 40 },
    ]);
    const rewards = JSON.stringify([
      { grade: 'excellent', description: '验收优秀，奖励团队', amountCents: budget / 10 },
      { grade: 'good', description: '验收良好，奖励团队', amountCents: budget / 20 },
    ]);
    const eligibility = rng.chance(0.1) ? JSON.stringify(rng.chance(0.5) ? { youthOnly: true } : { politicalStatuses: ['party_member', 'probationary'] }) : null;
    const published = status === 'draft' || status === 'submitted' || (status === 'cancelled' && rng.chance(0.5)) ? null : campaign.from;
    const closed = campaign.open ? null : Date.parse(campaign.until);
    const awarded = ['awarded', 'completed', 'notice'].includes(status) && closed ? closed + 30 * DAY : null;
    const updated = Math.max(created, awarded ?? closed ?? published ?? created);
    const department = rng.pick(leaves).id;
    ins.run(id, campaign.id, title, category, department, `${W.personName(rng)} 010-${rng.int(60000000, 69999999)}`, background, goals, kpis,
      W.deliverables(rng), rng.int(6, 36), budget, rewards, eligibility, route, 1, rng.int(5, 15), rng.chance(0.05) ? 2 : 1, tags, status,
      status === 'cancelled' ? '需求调整' : null, rng.pick(sponsors), iso(created), iso(updated),
      published === null ? null : iso(published), closed === null ? null : iso(closed), awarded === null ? null : iso(awarded));
    const cols = ftsColumns({ title, tags, category, technical_route: route, goals, background });
    doc.run(firstDoc + i, id, status, department, campaign.id, category);
    fts.run(firstDoc + i, cols.title, cols.tags, cols.category, cols.technical_route, cols.goals, cols.background);
    out[i] = { id, campaign, status, publishedAt: published ?? 0 };
  });
  bump(c, 'challenges', n);
  bump(c, 'search_docs', n);
  return out;
}

/** A proposal's JSON after its summary (the same for everyone): stringified once, not 1M times. */
const PROPOSAL_REST = JSON.stringify({ approach: '组建跨专业攻关团队，分阶段推进，先试点后推广。', plan: '第一阶段调研，第二阶段研发，第三阶段示范应用。', expectedResults: '形成系统一套、标准一项、示范工程一个。' }).slice(1);

/** Applications: a skewed number per challenge, at most one active application per person. */
function insertApplications(sq: SQLite.Database, rng: Rng, c: Counter, n: number, challenges: ChallengeInfo[], people: string[]) {
  const open = challenges.filter((ch) => ch.publishedAt > 0);
  const weights = open.map(() => (-Math.log(1 - rng.float())) ** 1.5);
  const sum = weights.reduce((a, b) => a + b, 0);
  const per = weights.map((w) => Math.floor((n * w) / sum));
  let rest = n - per.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % per.length, rest--) per[i]++;
  const ins = sq.prepare(`insert into applications (id, challenge_id, campaign_id, lead_id, status, proposal, status_reason, created_at, updated_at, submitted_at, decided_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const setCount = sq.prepare('update challenges set applicant_count = ? where id = ?');
  const hasActive = new Uint8Array(people.length);
  let done = 0;
  const tx = sq.transaction((from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const ch = open[k];
      const leads = new Set<number>();
      let active = 0;
      let selected = 0;
      for (let j = 0; j < per[k]; j++) {
        let p = rng.int(0, people.length - 1);
        while (leads.has(p)) p = rng.int(0, people.length - 1);
        leads.add(p);
        const t = ch.publishedAt + j * 60_000 + rng.int(0, 59_999);
        let status: string;
        if (ch.campaign.open) status = rng.weighted([['submitted', 80], ['qualified', 8], ['draft', 7], ['withdrawn', 5]]);
        else if (['awarded', 'completed', 'notice'].includes(ch.status)) status = selected === 0 && rng.chance(0.3) ? 'selected' : rng.weighted([['not_selected', 85], ['disqualified', 10], ['withdrawn', 5]]);
        else status = rng.weighted([['qualified', 60], ['disqualified', 20], ['submitted', 10], ['withdrawn', 10]]);
        if (ACTIVE.has(status)) {
          if (hasActive[p]) status = ch.campaign.open ? rng.pick(['draft', 'withdrawn']) : rng.pick(['disqualified', 'withdrawn']);
          else hasActive[p] = 1;
        }
        if (status === 'selected') selected++;
        if (ACTIVE.has(status)) active++;
        const proposal = `{"summary":${JSON.stringify(`${W.personName(rng)}团队揭榜方案`)},${PROPOSAL_REST}`;
        const decided = ['qualified', 'disqualified', 'selected', 'not_selected'].includes(status) ? iso(t + 20 * DAY) : null;
        ins.run(uuid7(rng, t), ch.id, ch.campaign.id, people[p], status, proposal, status === 'withdrawn' ? '个人原因' : null, iso(t), iso(t + (decided ? 20 * DAY : 0)), status === 'draft' ? null : iso(t), decided);
        done++;
      }
      if (active) setCount.run(active, ch.id);
    }
  });
  for (let k = 0; k < open.length; k += 2_000) tx(k, Math.min(open.length, k + 2_000));
  bump(c, 'applications', done);
}

function finish(sq: SQLite.Database, recreate: string[]) {
  for (const s of recreate) sq.exec(s);
  sq.pragma('locking_mode = NORMAL');
  sq.pragma('journal_mode = WAL');
  sq.close();
}

function tableCounts(file: string): Record<string, number> {
  const sq = new SQLite(file, { readonly: true });
  const out: Record<string, number> = {};
  for (const t of ['departments', 'users', 'campaigns', 'challenges', 'search_docs', 'applications']) out[t] = Number((sq.prepare(`select count(*) n from ${t}`).get() as { n: number }).n);
  sq.close();
  return out;
}

async function benchToken(file: string, userId: string): Promise<string> {
  const db = openDb(`sqlite:${file}`);
  const { token } = await createAccessToken(db, userId, 'bench', new Date(T_END), { expiresInDays: 3650 });
  await db.destroy();
  return token;
}

const log = (s: string) => process.stderr.write(s + '\n');

/** The big database (W1, W4, W5, W7): generated once per key and cached. */
export async function ensureBenchDb(p: GenParams, fresh = false): Promise<BenchDb> {
  mkdirSync(DATA_DIR, { recursive: true });
  const key = cacheKey(p);
  const file = join(DATA_DIR, `bench-${key}.db`);
  const meta = `${file}.json`;
  if (!fresh && existsSync(file) && existsSync(meta)) return { ...JSON.parse(readFileSync(meta, 'utf8')), file };
  const tmp = `${file}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  log(`W6: generating ${p.users} users, ${p.challenges} challenges, ${p.applications} applications (seed ${p.seed}) …`);
  const started = performance.now();
  await migrate(tmp);
  const sq = openForLoad(tmp);
  const recreate = dropForLoad(sq, ['users', 'challenges', 'applications', 'search_docs']);
  const rng = new Rng(p.seed);
  const c: Counter = { perTable: {} };
  const depts = insertDepartments(sq, rng, c);
  const u = insertUsers(sq, rng, c, depts, p.users, '', T0 - 3 * 365 * DAY);
  const campaigns = insertCampaigns(sq, rng, c, p.campaigns, u.admin);
  const t1 = performance.now();
  const challenges = insertChallenges(sq, rng, c, p.challenges, campaigns, depts, u.sponsors);
  const t2 = performance.now();
  insertApplications(sq, rng, c, p.applications, challenges, u.people);
  const t3 = performance.now();
  finish(sq, recreate);
  const t4 = performance.now();
  // The heads of the frequent tokens, as the migration builds them for a collection that exists.
  const headDb = openDb(`sqlite:${tmp}`);
  const heads = await buildHeads(headDb);
  await headDb.destroy();
  const t5 = performance.now();
  const rows = Object.values(c.perTable).reduce((a, b) => a + b, 0);
  const seconds = (t5 - started) / 1000;
  log(`W6: users ${((t1 - started) / 1000).toFixed(1)} s, challenges+index ${((t2 - t1) / 1000).toFixed(1)} s, applications ${((t3 - t2) / 1000).toFixed(1)} s, indexes ${((t4 - t3) / 1000).toFixed(1)} s, heads of ${heads?.tokens} tokens ${((t5 - t4) / 1000).toFixed(1)} s`);
  const token = await benchToken(tmp, u.bench);
  renameSync(tmp, file);
  const result: Omit<BenchDb, 'file'> = {
    token, benchUserId: u.bench, counts: tableCounts(file),
    generated: { seconds, rows, rowsPerSecond: rows / seconds, perTable: c.perTable },
  };
  writeFileSync(meta, JSON.stringify(result, null, 2));
  return { ...result, file };
}

export interface W3Db {
  file: string;
  campaignId: string;
  challengeIds: string[];
  /** One token per person: the applicants, then the warm-up people, then the race check people. */
  tokens: { applicants: string[]; warmup: string[]; race: string[] };
}

export const W3_PEOPLE = { applicants: 10_000, warmup: 300, race: 500 };

/**
 * W3's template: 100 published challenges in a campaign whose window is open, and people who
 * have applied nowhere yet, each with an access token. Copied fresh for every run.
 */
export async function ensureW3Db(seed: number, fresh = false): Promise<W3Db> {
  mkdirSync(DATA_DIR, { recursive: true });
  const n = W3_PEOPLE.applicants + W3_PEOPLE.warmup + W3_PEOPLE.race;
  const file = join(DATA_DIR, `w3-v${GENERATOR_VERSION}-s${seed}-p${n}-${latestMigration}-${sourceHash()}.db`);
  const meta = `${file}.json`;
  if (!fresh && existsSync(file) && existsSync(meta)) return { ...JSON.parse(readFileSync(meta, 'utf8')), file };
  const tmp = `${file}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  await migrate(tmp);
  const sq = openForLoad(tmp);
  const rng = new Rng(seed + 3);
  const c: Counter = { perTable: {} };
  const depts = insertDepartments(sq, rng, c, W.UNITS.slice(0, 3), W.SUB_UNITS.slice(0, 6));
  const u = insertUsers(sq, rng, c, depts, n, '', T0 - 365 * DAY);
  // The window opened yesterday (real time: the server checks it against its own clock).
  const from = Date.now() - DAY;
  const campaign: Campaign = { id: uuid7(rng, from - DAY), from, until: OPEN_UNTIL, open: true };
  sq.prepare(`insert into campaigns (id, name, theme, description, apply_from, apply_until, settings, created_by, created_at, updated_at)
    values (?, '开放首分钟', null, null, ?, ?, '{"maxActiveLeads":1,"maxMemberships":3,"minReviewers":3,"trimmedMeanFrom":5,"noticeDays":5,"youthAge":35,"reviewRequired":false}', ?, ?, ?)`)
    .run(campaign.id, iso(from), campaign.until, u.admin, iso(from - DAY), iso(from - DAY));
  const challenges = insertChallenges(sq, rng, c, 100, [campaign], depts, u.sponsors, 'published');
  sq.exec(`update challenges set eligibility = null, team_size_min = 1`);
  finish(sq, []);
  const db = openDb(`sqlite:${tmp}`);
  const tokens: string[] = [];
  await db.transaction().execute(async (tx) => {
    for (const id of u.people) tokens.push((await createAccessToken(tx, id, 'bench', new Date(), { expiresInDays: 3650 })).token);
  });
  await db.destroy();
  renameSync(tmp, file);
  const a = W3_PEOPLE.applicants;
  const result: Omit<W3Db, 'file'> = {
    campaignId: campaign.id, challengeIds: challenges.map((ch) => ch.id),
    tokens: { applicants: tokens.slice(0, a), warmup: tokens.slice(a, a + W3_PEOPLE.warmup), race: tokens.slice(a + W3_PEOPLE.warmup) },
  };
  writeFileSync(meta, JSON.stringify(result));
  return { ...result, file };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const p = args.includes('--quick') ? QUICK : FULL;
  const r = await ensureBenchDb(p, args.includes('--fresh'));
  if (r.generated) {
    const g = r.generated;
    console.log(`W6 generated ${g.rows.toLocaleString('en')} rows in ${g.seconds.toFixed(1)} s = ${Math.round(g.rowsPerSecond).toLocaleString('en')} rows/s (target ≥ 100,000) ${JSON.stringify(g.perTable)}`);
  } else console.log(`W6 cached: ${r.file} ${JSON.stringify(r.counts)}`);
}
