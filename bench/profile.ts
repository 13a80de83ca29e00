// A helper for when a target is missed: run one workload against the app started with
// --cpu-prof and print where its CPU time went (self time by function, top 25). With --alloc,
// where it allocated instead (bytes by allocating function, garbage included: what the GC pays for).
//   node --import tsx bench/profile.ts w3|w1|w4 [--quick] [--alloc] [--db=postgres://…  (w1, w4: the app on the PostgreSQL copy)]
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, ensureBenchDb, ensureW3Db, FULL, QUICK } from './generate.ts';
import { load } from './load.ts';
import { ensurePgBenchDb } from './pg-data.ts';
import { startApp } from './servers.ts';
import { BOARD_QUERIES } from './words.ts';

const which = process.argv[2] ?? 'w3';
const params = process.argv.includes('--quick') ? QUICK : FULL;
const dir = join(DATA_DIR, 'profile');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const alloc = process.argv.includes('--alloc');
const prof = alloc ? ['--import', join(import.meta.dirname, 'alloc-sampler.mjs')] : ['--cpu-prof', `--cpu-prof-dir=${dir}`];
const profEnv: Record<string, string> = alloc ? { ALLOC_OUT: join(dir, 'app.heapprofile') } : {};

if (which === 'w3') {
  const w3 = await ensureW3Db(params.seed);
  const file = join(DATA_DIR, 'w3-profile.db');
  copyFileSync(w3.file, file);
  const app = await startApp(file, profEnv, prof);
  const r = await load({
    base: app.base, connections: 100, amount: w3.tokens.applicants.length,
    next: (i) => ({ method: 'POST', path: `/api/v1/challenges/${w3.challengeIds[i % 100]}/applications`, headers: { authorization: `Bearer ${w3.tokens.applicants[i]}` },
      body: JSON.stringify({ proposal: { summary: '方案', approach: '路线', plan: '计划', expectedResults: '成果' } }) }),
  });
  console.log(`${r.status['201'] ?? 0} accepted, ${r.rps.toFixed(0)}/s`);
  await app.stop();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
} else {
  const db = await ensureBenchDb(params);
  const pgServer = process.argv.find((a) => a.startsWith('--db='))?.slice(5);
  const app = await startApp(pgServer ? await ensurePgBenchDb(pgServer, db.file, console.log) : db.file, profEnv, prof);
  const ids = (await import('better-sqlite3')).default;
  const sq = new ids(db.file, { readonly: true });
  const urls = which === 'w4'
    ? (sq.prepare(`select id from challenges where status = 'published' limit 1000`).all() as Array<{ id: string }>).map((r) => `/api/v1/challenges/${r.id}`)
    : BOARD_QUERIES.flatMap((q) => [1, 2].map((p) => `/api/v1/challenges?q=${encodeURIComponent(q)}&page=${p}`));
  sq.close();
  const r = await load({ base: app.base, connections: 50, duration: which === 'w1' ? Number(process.env.PROFILE_SECONDS ?? 15) : 15, next: (i) => ({ path: urls[i % urls.length], headers: { authorization: `Bearer ${db.token}` } }) });
  console.log(`${r.requests} answers ${JSON.stringify(r.status)}, ${r.rps.toFixed(0)}/s, p99 ${r.p99} ms`);
  await app.stop();
}

// Bytes allocated per function (file:line), from the sampled allocations of the app process.
interface AllocNode { callFrame: Node['callFrame']; selfSize: number; children: AllocNode[] }
if (alloc) {
  const head = (JSON.parse(readFileSync(join(dir, 'app.heapprofile'), 'utf8')) as { head: AllocNode }).head;
  const by = new Map<string, number>();
  let total = 0;
  const walk = (n: AllocNode) => {
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
    by.set(key, (by.get(key) ?? 0) + n.selfSize);
    total += n.selfSize;
    n.children.forEach(walk);
  };
  walk(head);
  console.log(`\nallocations (sampled, garbage included): ${(total / 1e6).toFixed(0)} MB; by allocating function, top 25:`);
  for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
}

// Self time per function (file:line), from the .cpuprofile of the app process.
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
const profiles = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
for (const f of profiles) {
  const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { nodes: Node[] };
  const total = p.nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0);
  const by = new Map<string, number>();
  for (const n of p.nodes) {
    const url = n.callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/');
    const key = `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
    by.set(key, (by.get(key) ?? 0) + (n.hitCount ?? 0));
  }
  console.log(`\n${f}: ${total} samples; self time, top 25:`);
  for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
  // The same time summed by where the code lives: a package, an area of ours, node's own, V8's.
  const where = new Map<string, number>();
  for (const n of p.nodes) {
    const u = n.callFrame.url;
    const key = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(u)?.[1] ?? /src\/((modules\/)?[^/]+)/.exec(u)?.[1]
      ?? (u.endsWith('dist/jiebang.mjs') ? 'ours (the bundle)' : u.startsWith('node:') ? u.split('/')[0] : u ? 'other' : `(${n.callFrame.functionName})`);
    where.set(key, (where.get(key) ?? 0) + (n.hitCount ?? 0));
  }
  console.log('self time by where the code lives, top 20:');
  for (const [k, v] of [...where].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
}
