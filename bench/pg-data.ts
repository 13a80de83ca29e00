// The big bench database (generate.ts, SQLite) copied into PostgreSQL, so that W5, W1, W1c, W7
// and W4 run on PostgreSQL too (`npm run bench -- --db=postgres://…`). The schema is the app's own
// migrations; the rows are copied table by table; the search index is built in PostgreSQL's form
// by the search module. Cached: a database named after the SQLite file is reused when complete.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { ChallengeTable } from '../src/db/schema.ts';
import { openDb } from '../src/db/connect.ts';
import { buildPgHeads } from '../src/modules/search/pg-heads.ts';
import { tsvectorText } from '../src/modules/search/service.ts';
import { ROOT } from './generate.ts';

/** Tables the generator fills, parents first (foreign keys). */
const TABLES = ['departments', 'users', 'access_tokens', 'campaigns', 'challenges', 'applications', 'application_members'];

async function query(url: string, text: string, values: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return await c.query(text, values); } finally { await c.end(); }
}

export async function ensurePgBenchDb(server: string, sqliteFile: string, log: (s: string) => void): Promise<string> {
  // Named after the SQLite file and what shapes the copy (migrations, the index's form, the heads).
  const key = createHash('sha256').update(basename(sqliteFile));
  const migrations = join(ROOT, 'src', 'db', 'migrations');
  for (const f of readdirSync(migrations).sort()) key.update(readFileSync(join(migrations, f)));
  for (const f of ['bench/pg-data.ts', 'src/modules/search/tsvector.ts', 'src/modules/search/pg-heads.ts']) key.update(readFileSync(join(ROOT, f)));
  const name = `jiebang_bench_${key.digest('hex').slice(0, 10)}`;
  const url = `${server.replace(/\/$/, '')}/${name}`;
  const sq = new SQLite(sqliteFile, { readonly: true });
  const expected = Number((sq.prepare('select count(*) n from applications').get() as { n: number }).n);
  const exists = (await query(`${server}/postgres`, 'select 1 from pg_database where datname = $1', [name])).rowCount;
  if (exists) {
    const done = await query(url, `select count(*)::int n from applications`).then((r) => r.rows[0].n === expected, () => false);
    const marked = await query(url, `select 1 from bench_complete`).then(() => true, () => false);
    if (done && marked) { sq.close(); return url; }
    await query(`${server}/postgres`, `drop database ${name} with (force)`);
  }
  const t0 = performance.now();
  log(`   copying ${basename(sqliteFile)} into PostgreSQL database ${name} (once) …`);
  await query(`${server}/postgres`, `create database ${name}`);
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'migrate'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await copyRows(sq, c, TABLES);
    await indexForPostgres(sq, c);
    await c.query('vacuum analyze');
    // The heads of the frequent tokens, as the `search.heads` job builds them at the first start.
    const db = openDb(url);
    try { await buildPgHeads(db); } finally { await db.destroy(); }
    // Statistics of the heads as built (the analyze above saw them empty: the planner then
    // joined them by hash over every search document, 50 ms instead of 20 for a one-token page).
    await c.query('vacuum analyze challenge_search_heads, challenge_search_head_tokens');
    await c.query('create table bench_complete (at text)');
  } finally {
    await c.end();
    sq.close();
  }
  const size = (await query(url, `select pg_size_pretty(pg_database_size(current_database())) s`)).rows[0].s;
  log(`   copied in ${((performance.now() - t0) / 1000).toFixed(0)} s; the PostgreSQL database is ${size}`);
  return url;
}

/** Copy tables' rows from the SQLite file into PostgreSQL, in multi-row inserts (parents first). */
export async function copyRows(sq: SQLite.Database, c: pg.Client, tables: string[]): Promise<void> {
  for (const table of tables) {
    const cols = (sq.prepare(`select name from pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((r) => r.name);
    const per = Math.floor(60_000 / cols.length);
    let batch: unknown[][] = [];
    const flush = async () => {
      if (!batch.length) return;
      const values: unknown[] = [];
      const tuples = batch.map((r) => `(${r.map((v) => { values.push(v); return `$${values.length}`; }).join(',')})`);
      await c.query(`insert into ${table} (${cols.join(',')}) values ${tuples.join(',')}`, values);
      batch = [];
    };
    for (const r of sq.prepare(`select ${cols.join(',')} from ${table}`).raw().iterate() as Iterable<unknown[]>) {
      batch.push(r);
      if (batch.length >= per) await flush();
    }
    await flush();
  }
}

/** The search index in PostgreSQL's form, from the search module's own tokens, with the facts the board filters on. */
export async function indexForPostgres(sq: SQLite.Database, c: pg.Client): Promise<void> {
  const COLUMNS = ['challenge_id', 'doc', 'status', 'sponsor_department_id', 'campaign_id', 'category', 'created_at'];
  let docs: unknown[][] = [];
  const flushDocs = async () => {
    if (!docs.length) return;
    const tuples = docs.map((_, i) => `(${COLUMNS.map((_, k) => `$${COLUMNS.length * i + k + 1}`).join(',')})`);
    await c.query(`insert into challenge_search (${COLUMNS.join(',')}) values ${tuples.join(',')}`, docs.flat());
    docs = [];
  };
  for (const r of sq.prepare('select * from challenges').iterate() as Iterable<ChallengeTable>) {
    docs.push([r.id, tsvectorText(r), r.status, r.sponsor_department_id, r.campaign_id, r.category, r.created_at]);
    if (docs.length >= 1000) await flushDocs();
  }
  await flushDocs();
}
