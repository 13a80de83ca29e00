// `npm run bench`: Jiebang's workloads, each against a raw node:http server sending the same
// bytes from memory (the ceiling on this machine), same client, same connections. Median of 3
// runs with min and max beside it, after a warm-up.
//
//   npm run bench [-- --quick] [--fresh] [--only=W1,W4] [--duration=10] [--runs=3] [--db=postgres://… [--instances=2]]
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { DATA_DIR, ensureBenchDb, ensureW3Db, FULL, QUICK, type BenchDb } from './generate.ts';
import { pct, show, spread, type Spread } from './load.ts';
import { openingMinute, type OpeningFigures } from './opening.ts';
import { Rng } from './prng.ts';
import { readWorkload, type ReadFigures } from './reads.ts';
import { startApp, type Running } from './servers.ts';
import { ensurePgBenchDb } from './pg-data.ts';
import { BOARD_QUERIES } from './words.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const quick = flag('quick');
const params = quick ? QUICK : FULL;
const only = new Set(value('only', 'W1,W1C,W2,W3,W4,W5,W6,W7').split(',').map((s) => s.trim().toUpperCase()));
const duration = Number(value('duration', quick ? '5' : '10'));
const runs = Number(value('runs', '3'));
const CONNECTIONS = 50;
/** --db=postgres://user@host:port: the read workloads on a PostgreSQL copy of the same data. */
const pgServer = value('db', '');
const W3_CONNECTIONS = 100;
/** --instances=2: W1, W7 and W4 dealt over that many app processes on the PostgreSQL copy (W7: the first one's memory). */
const instances = Number(value('instances', '1'));
if (instances > 1 && !pgServer) throw new Error('--instances needs --db=postgres://…: several instances share one PostgreSQL');

const log = (s: string) => console.log(s);
const summary: Array<[string, string, string, string]> = [];
const row = (id: string, figure: string, target: string, verdict: string) => summary.push([id, figure, target, verdict]);
const met = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** True when the route exists (a 404 of our own for an unknown id counts as existing). */
async function routeExists(app: Running, method: string, path: string, token: string): Promise<boolean> {
  const r = await fetch(app.base + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
  return !(r.status === 404 && (await r.text()).includes('No route'));
}

function describeRead(id: string, what: string, f: ReadFigures) {
  log(`${id} ${what}: ${f.urls} URLs, ${Math.round(f.avgBytes).toLocaleString('en')} bytes a response on average`);
  log(`   app  ${show(f.app)} req/s   p50 ${show(f.p50)} ms   p99 ${show(f.p99)} ms`);
  log(`   raw  ${show(f.raw)} req/s   p99 ${show(f.rawP99)} ms`);
  log(`   ratio app/raw ${pct(f.ratio.median)} (${pct(f.ratio.min)}–${pct(f.ratio.max)})`);
  if (Object.keys(f.nonOk).length) log(`   non-200 answers from the app: ${JSON.stringify(f.nonOk)}`);
}

/** Each URL once per pass, one at a time: per-pass p50/p99 over the URLs, then their spread over the passes. */
async function coldSearch(base: string, token: string, urls: string[], passes: number) {
  const p50s: number[] = [];
  const p99s: number[] = [];
  const worst = new Map<string, number>();
  const perPass: string[] = [];
  for (let k = 0; k < passes; k++) {
    const ms: number[] = [];
    for (const url of urls) {
      const t0 = performance.now();
      const r = await fetch(base + url, { headers: { authorization: `Bearer ${token}` } });
      await r.arrayBuffer();
      const t = performance.now() - t0;
      if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
      ms.push(t);
      worst.set(url, Math.max(worst.get(url) ?? 0, t));
    }
    const top = urls[ms.indexOf(Math.max(...ms))];
    perPass.push(`${decodeURIComponent(top.replace('/api/v1/challenges', ''))} ${Math.max(...ms).toFixed(0)} ms`);
    ms.sort((a, b) => a - b);
    p50s.push(ms[Math.floor(ms.length * 0.5)]);
    p99s.push(ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)]);
  }
  const slowest = [...worst].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([u, t]) => `${decodeURIComponent(u.replace('/api/v1/challenges', ''))} ${t.toFixed(0)} ms`).join(', ');
  return { p50: spread(p50s), p99: spread(p99s), slowest, perPass: perPass.join(' | ') };
}

function pickPublishedIds(db: BenchDb, n: number): string[] {
  const sq = new SQLite(db.file, { readonly: true });
  const ids = (sq.prepare(`select id from challenges where status = 'published' order by id`).all() as Array<{ id: string }>).map((r) => r.id);
  sq.close();
  return new Rng(params.seed + 4).sample(ids, Math.min(n, ids.length));
}

async function main() {
  const started = performance.now();
  log(`Jiebang benchmarks — ${quick ? 'QUICK' : 'full'} data, node ${process.version}, ${(await import('node:os')).cpus().length} cores, ${new Date().toISOString()}`);
  log(`Load client: autocannon in this process; servers: child processes on 127.0.0.1. Figures: median (min–max) of ${runs} runs after a warm-up.\n`);

  // W6 — the data (generated once, then cached under bench/.data/).
  const db = await ensureBenchDb(params, flag('fresh'));
  if (db.generated) {
    const g = db.generated;
    log(`W6 data generator: ${g.rows.toLocaleString('en')} rows in ${g.seconds.toFixed(1)} s = ${Math.round(g.rowsPerSecond).toLocaleString('en')} rows/s (target ≥ 100,000/s)`);
    log(`   ${JSON.stringify(g.perTable)}${db.generated && !flag('fresh') ? '' : ' (regenerated: --fresh)'}`);
    row('W6', `${Math.round(g.rowsPerSecond).toLocaleString('en')} rows/s`, '≥ 100,000 rows/s', met(g.rowsPerSecond >= 100_000));
  }
  log(`   database ${db.file}: ${JSON.stringify(db.counts)}\n`);

  // The database the app runs on: the SQLite file, or its copy in PostgreSQL (--db).
  const target = pgServer ? await ensurePgBenchDb(pgServer, db.file, log) : db.file;
  log(`   the app runs on ${pgServer ? `PostgreSQL (${target})` : 'SQLite'}\n`);
  if (pgServer) only.delete('W3'); // W3 on PostgreSQL: bench/opening-pg.ts (a fresh database per run)

  // W5 — start-up on the existing database.
  if (only.has('W5')) {
    log('W5 start-up on the existing database (spawn → /readyz 200):');
    const times: number[] = [];
    for (let k = 0; k <= runs; k++) {
      const app = await startApp(target);
      await app.stop();
      if (k === 0) log(`   warm-up start ${app.startMs.toFixed(0)} ms`);
      else times.push(app.startMs);
    }
    const s = spread(times);
    log(`   ${show(s, 0, ' ms')}\n`);
    row('W5', `${show(s, 0, ' ms')}`, '< 1,500 ms', met(s.median < 1500));
  }

  const app = await startApp(target);
  const more: Running[] = [];
  let hasApply = false;
  try {
    for (let k = 1; k < instances; k++) more.push(await startApp(target));
    if (more.length) log(`${instances} instances of the app on the same database: each read load below is dealt over all of them (connections split evenly; throughput summed, latencies the worst instance's)\n`);
    hasApply = await routeExists(app, 'POST', `/api/v1/challenges/${pickPublishedIds(db, 1)[0]}/applications`, db.token);
    const hasList = await routeExists(app, 'GET', '/api/v1/challenges?page=1', db.token);
    if (only.has('W1') || only.has('W7') || only.has('W1C')) {
      if (hasList) {
        const urls: string[] = [];
        for (const q of BOARD_QUERIES) for (const page of [1, 2, 3]) urls.push(`/api/v1/challenges?q=${encodeURIComponent(q)}&page=${page}`);
        for (const page of [1, 2, 5, 10, 50]) urls.push(`/api/v1/challenges?page=${page}`);
        if (only.has('W1') || only.has('W7')) {
          log(`W1 board browse/search, ${CONNECTIONS} connections, ${duration} s a run:`);
          const f = await readWorkload({ app, more, token: db.token, urls, connections: CONNECTIONS, duration, warmup: duration, runs, log });
          describeRead('W1', 'GET /api/v1/challenges?q=…&page=…', f);
          row('W1', `${show(f.app)} req/s, ratio ${pct(f.ratio.median)}, p99 ${show(f.p99)} ms`, 'ratio ≥ 50 %, p99 < 20 ms', met(f.ratio.median >= 0.5 && f.p99.median < 20));
          log(`W7 memory of the app under W1 load: peak RSS ${f.rssPeakMb.toFixed(0)} MB (target < 300 MB)\n`);
          row('W7', `peak RSS ${f.rssPeakMb.toFixed(0)} MB`, '< 300 MB', met(f.rssPeakMb < 300));
        }
        if (only.has('W1C')) {
          // W1c: every W1 URL once, one connection, on a server that keeps no board lists.
          const cold = await startApp(target, { JIEBANG_BOARD_CACHE: '0' });
          try {
            const c = await coldSearch(cold.base, db.token, urls, runs);
            log(`W1c cold search: ${urls.length} URLs one at a time, board cache off, ${runs} passes: p50 ${show(c.p50)} ms, p99 ${show(c.p99)} ms; slowest ${c.slowest}; slowest of each pass: ${c.perPass}\n`);
            row('W1c', `p50 ${show(c.p50)} ms, p99 ${show(c.p99)} ms`, 'p99 < 50 ms', met(c.p99.median < 50));
          } finally {
            await cold.stop();
          }
        }
      } else {
        log('W1/W7: GET /api/v1/challenges does not exist yet — skipped. Harness check on GET /api/v1/campaigns instead:');
        const urls = [1, 2].map((p) => `/api/v1/campaigns?page=${p}`);
        const f = await readWorkload({ app, more, token: db.token, urls, connections: CONNECTIONS, duration, warmup: duration, runs, log });
        describeRead('W0', 'GET /api/v1/campaigns (harness check, no target)', f);
        log('');
        row('W1', 'not yet: GET /api/v1/challenges missing', '', '—');
      }
    }
    if (only.has('W4')) {
      const ids = pickPublishedIds(db, 1000);
      if (await routeExists(app, 'GET', `/api/v1/challenges/${ids[0]}`, db.token)) {
        log(`W4 read one challenge over ${ids.length} random published ids, ${CONNECTIONS} connections:`);
        const f = await readWorkload({ app, more, token: db.token, urls: ids.map((id) => `/api/v1/challenges/${id}`), connections: CONNECTIONS, duration, warmup: duration, runs, log });
        describeRead('W4', 'GET /api/v1/challenges/:id', f);
        log('');
        row('W4', `${show(f.app)} req/s, ratio ${pct(f.ratio.median)}, p99 ${show(f.p99)} ms`, 'ratio ≥ 60 %', met(f.ratio.median >= 0.6));
      } else {
        log('W4: GET /api/v1/challenges/:id does not exist yet — skipped.\n');
        row('W4', 'not yet: GET /api/v1/challenges/:id missing', '', '—');
      }
    }
  } finally {
    for (const m of more) await m.stop();
    await app.stop();
  }

  if (only.has('W3')) {
    const w3 = await ensureW3Db(params.seed, flag('fresh'));
    if (hasApply) {
      log(`W3 opening minute: ${w3.tokens.applicants.length.toLocaleString('en')} people apply at once to ${w3.challengeIds.length} challenges, ${W3_CONNECTIONS} connections:`);
      const f: OpeningFigures = await openingMinute(w3, join(DATA_DIR, 'w3-run.db'), { connections: W3_CONNECTIONS, runs, log });
      log(`   accepted ${show(f.accepted)} applications/s   p99 ${show(f.p99)} ms`);
      log(`   raw ceiling (same POSTs, a recorded 201 from memory) ${show(f.raw)} req/s; ratio ${pct(f.ratio.median)} (${pct(f.ratio.min)}–${pct(f.ratio.max)})`);
      for (const c of f.checks) log(`   ✓ ${c}`);
      for (const c of f.failures) log(`   ✗ ${c}`);
      log('');
      row('W3', `${show(f.accepted)} accepted/s, ratio ${pct(f.ratio.median)}, ${f.failures.length ? `${f.failures.length} check(s) failed` : 'all checks pass'}`, '≥ 3,000/s; none lost, none duplicated, limits exact', met(f.accepted.median >= 3000 && f.failures.length === 0));
    } else {
      log('W3: POST /api/v1/challenges/:id/applications does not exist yet — skipped.\n');
      row('W3', 'not yet: POST /api/v1/challenges/:id/applications missing', '', '—');
    }
  }

  log('W2: not yet (dashboard issue)\n');
  row('W2', 'not yet (dashboard issue)', 'p99 < 30 ms', '—');

  log('Summary');
  const widths = [4, 70, 50, 6];
  for (const r of [['id', 'measured', 'target', ''] as const, ...summary]) log(r.map((c, i) => c.padEnd(widths[i])).join(' ').trimEnd());
  log(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

await main();
