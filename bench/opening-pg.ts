// W3 on PostgreSQL: the opening minute (10,000 people applying at once, then the race check and
// the database checks of opening.ts) against an app on PostgreSQL, optionally through N app
// instances sharing the database (requests dealt round-robin across them).
//
//   node --import tsx bench/opening-pg.ts --db=postgres://postgres@127.0.0.1:5432 [--runs=3] [--instances=1]
//        [--app-root=/path/to/another/checkout]   (measure another version of the app on the same data)
//
// The data is W3's SQLite template (generate.ts) copied into a fresh PostgreSQL database per run,
// whose schema the measured app's own migrations create.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { ensureW3Db, ROOT, W3_PEOPLE } from './generate.ts';
import { load, show, spread, type LoadRequest } from './load.ts';
import { freePort } from './servers.ts';
import { copyRows, indexForPostgres } from './pg-data.ts';

const args = process.argv.slice(2);
const value = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const server = value('db', 'postgres://postgres@127.0.0.1:5432');
const runs = Number(value('runs', '3'));
const instances = Number(value('instances', '1'));
const appRoot = value('app-root', ROOT);
const CONNECTIONS = 100;
const DB = 'jiebang_w3_bench';

const admin = async (sqlText: string) => {
  const c = new pg.Client({ connectionString: `${server}/postgres` });
  await c.connect();
  try { await c.query(sqlText); } finally { await c.end(); }
};

async function prepare(templateFile: string): Promise<void> {
  await admin(`drop database if exists ${DB} with (force)`);
  await admin(`create database ${DB}`);
  const url = `${server}/${DB}`;
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'migrate'], { cwd: appRoot, env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  const sq = new SQLite(templateFile, { readonly: true });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await copyRows(sq, c, ['departments', 'users', 'access_tokens', 'campaigns', 'challenges']);
    await indexForPostgres(sq, c);
    await c.query('analyze');
  } finally {
    await c.end();
    sq.close();
  }
}

async function startApps(): Promise<{ bases: string[]; stop: () => Promise<void> }> {
  const procs: ChildProcess[] = [];
  const bases: string[] = [];
  for (let k = 0; k < instances; k++) {
    const port = await freePort();
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
      cwd: appRoot,
      env: {
        ...process.env, DATABASE_URL: `${server}/${DB}`, JIEBANG_DEMO: '0', JIEBANG_SCHEDULER_INTERVAL: '0', LOG_LEVEL: 'warn',
        PORT: String(port), HOST: '127.0.0.1', JIEBANG_ADMIN_PASSWORD: 'bench-admin-password',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    procs.push(proc);
    const base = `http://127.0.0.1:${port}`;
    for (let t = 0; ; t++) {
      if (proc.exitCode !== null) throw new Error(`app exited with ${proc.exitCode}`);
      try { if ((await fetch(`${base}/readyz`)).status === 200) break; } catch { /* not yet */ }
      if (t > 12000) throw new Error('app not ready after 60 s');
      await sleep(5);
    }
    bases.push(base);
  }
  return {
    bases,
    stop: async () => {
      await Promise.all(procs.map((p) => new Promise((r) => { p.once('exit', r); p.kill('SIGTERM'); setTimeout(r, 5000); })));
    },
  };
}

const proposal = (i: number) => JSON.stringify({ proposal: {
  summary: `第 ${i} 号揭榜方案：组建跨专业团队攻关`, approach: '先调研现状与痛点，再分阶段研发并在重点项目试点，最后总结推广。',
  plan: '第一季度完成调研和方案设计；第二、三季度完成研发；第四季度示范应用与验收。', expectedResults: '形成软件系统一套、企业标准一项、示范工程一个。',
} });

async function checks(created: Set<string>, expected201: number, race201: number): Promise<string[]> {
  const c = new pg.Client({ connectionString: `${server}/${DB}` });
  await c.connect();
  const one = async (q: string) => Number(Object.values((await c.query(q)).rows[0])[0]);
  const failures: string[] = [];
  try {
    const ids = new Set((await c.query('select id from applications')).rows.map((r) => r.id));
    const lost = [...created].filter((id) => !ids.has(id)).length;
    if (lost) failures.push(`${lost} answered 201 without a row`);
    if (ids.size !== expected201) failures.push(`${ids.size} rows for ${expected201} answers 201`);
    if (await one('select count(*) from (select lead_id, challenge_id from applications group by 1, 2 having count(*) > 1) x')) failures.push('duplicated (person, challenge)');
    if (await one(`select count(*) from (select lead_id from applications where status in ('submitted','qualified','selected') group by 1 having count(*) > 1) x`)) failures.push('over the one-lead limit');
    if (race201 !== W3_PEOPLE.race) failures.push(`race: ${race201} accepted for ${W3_PEOPLE.race} people`);
    if (await one(`select count(*) from audit_events where entity = 'application'`) < ids.size) failures.push('applications without their audit event');
    if (await one(`select count(*) from challenges c where c.applicant_count != (select count(*) from applications a where a.challenge_id = c.id and a.status in ('submitted','qualified','selected'))`)) failures.push('applicant counts drift');
  } finally {
    await c.end();
  }
  return failures;
}

const w3 = await ensureW3Db(20261125);
const ch = w3.challengeIds;
const accepted: number[] = [];
const p99s: number[] = [];
console.log(`W3 on PostgreSQL (${server}), app ${appRoot}, ${instances} instance(s), ${CONNECTIONS} connections, ${runs} runs`);
for (let k = 0; k < runs; k++) {
  await prepare(w3.file);
  const apps = await startApps();
  const created = new Set<string>();
  const keep = (status: number, body: string) => { if (status === 201) created.add(JSON.parse(body).id); };
  // Requests are dealt over the instances: a load per instance, each its share of the people.
  const across = async (tokens: string[], to: (i: number) => string, connections: number) => {
    const parts = await Promise.all(apps.bases.map((base, b) => {
      const mine = tokens.map((_, i) => i).filter((i) => i % apps.bases.length === b);
      return load({ base, connections: Math.ceil(connections / apps.bases.length), amount: mine.length, onResponse: keep,
        next: (j): LoadRequest => ({ method: 'POST', path: `/api/v1/challenges/${to(mine[j])}/applications`, headers: { authorization: `Bearer ${tokens[mine[j]]}` }, body: proposal(mine[j]) }) });
    }));
    const status: Record<string, number> = {};
    for (const p of parts) for (const [s, n] of Object.entries(p.status)) status[s] = (status[s] ?? 0) + n;
    return { status, seconds: Math.max(...parts.map((p) => p.seconds)), p99: Math.max(...parts.map((p) => p.p99)) };
  };
  try {
    const warm = await across(w3.tokens.warmup, (i) => ch[i % ch.length], 20);
    const main = await across(w3.tokens.applicants, (i) => ch[i % ch.length], CONNECTIONS);
    const raceTokens = w3.tokens.race.flatMap((t) => [t, t]);
    const race = await across(raceTokens, (i) => ch[((i >> 1) + (i & 1) * 50) % ch.length], CONNECTIONS);
    const rate = (main.status['201'] ?? 0) / main.seconds;
    accepted.push(rate);
    p99s.push(main.p99);
    const failures = await checks(created, (warm.status['201'] ?? 0) + (main.status['201'] ?? 0) + (race.status['201'] ?? 0), race.status['201'] ?? 0);
    console.log(`  run ${k + 1}: ${main.status['201'] ?? 0} accepted in ${main.seconds.toFixed(2)} s = ${rate.toFixed(0)}/s, p99 ${main.p99} ms, ${JSON.stringify(main.status)}; race ${JSON.stringify(race.status)}; checks: ${failures.length ? failures.join('; ') : 'all pass'}`);
  } finally {
    await apps.stop();
  }
}
await admin(`drop database if exists ${DB} with (force)`);
console.log(`W3 PostgreSQL: ${show(spread(accepted), 0, '/s')} accepted, p99 ${show(spread(p99s), 0, ' ms')}`);
