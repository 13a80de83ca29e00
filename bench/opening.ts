// W3: the opening minute of a popular call. 10k people, 100 published challenges, everyone
// applies at once (one POST per person, each with their own token). Measured: accepted
// applications per second; then the database is checked for lost, duplicated and over-limit
// applications. Every run starts from a fresh copy of the template database.
import { copyFileSync, rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import type { W3Db } from './generate.ts';
import { load, spread, type LoadRequest, type Spread } from './load.ts';
import { startApp, startRaw, type Recorded } from './servers.ts';

export interface OpeningFigures {
  accepted: Spread;
  raw: Spread;
  ratio: Spread;
  p99: Spread;
  checks: string[];
  failures: string[];
  statuses: Record<string, number>[];
}

const proposal = (i: number) => JSON.stringify({
  proposal: {
    summary: `第 ${i} 号揭榜方案：组建跨专业团队攻关`,
    approach: '先调研现状与痛点，再分阶段研发并在重点项目试点，最后总结推广。',
    plan: '第一季度完成调研和方案设计；第二、三季度完成研发；第四季度示范应用与验收。',
    expectedResults: '形成软件系统一套、企业标准一项、示范工程一个。',
  },
});

const apply = (token: string, challengeId: string, i: number): LoadRequest => ({
  method: 'POST', path: `/api/v1/challenges/${challengeId}/applications`, headers: { authorization: `Bearer ${token}` }, body: proposal(i),
});

export async function openingMinute(w3: W3Db, runDb: string, o: { connections: number; runs: number; log: (s: string) => void }): Promise<OpeningFigures> {
  const ch = w3.challengeIds;
  const accepted: number[] = [];
  const raws: number[] = [];
  const p99s: number[] = [];
  const checks: string[] = [];
  const failures: string[] = [];
  const statuses: Record<string, number>[] = [];
  let sample201: Recorded | undefined;
  for (let k = 0; k < o.runs; k++) {
    for (const f of [runDb, `${runDb}-wal`, `${runDb}-shm`]) rmSync(f, { force: true });
    copyFileSync(w3.file, runDb);
    const app = await startApp(runDb);
    const created = new Set<string>();
    const keep = (status: number, body: string) => {
      if (status !== 201) return;
      created.add(JSON.parse(body).id);
      if (!sample201) sample201 = { status, type: 'application/json; charset=utf-8', body };
    };
    let warmStatus: Record<string, number>;
    let mainStatus: Record<string, number>;
    let raceStatus: Record<string, number>;
    let seconds: number;
    try {
      // Warm-up: other people apply, so the code paths are compiled before the clock starts.
      const warm = await load({ base: app.base, connections: 20, amount: w3.tokens.warmup.length, next: (i) => apply(w3.tokens.warmup[i], ch[i % ch.length], i), onResponse: keep });
      warmStatus = warm.status;
      const main = await load({ base: app.base, connections: o.connections, amount: w3.tokens.applicants.length, next: (i) => apply(w3.tokens.applicants[i], ch[i % ch.length], i), onResponse: keep });
      mainStatus = main.status;
      seconds = main.seconds;
      accepted.push((main.status['201'] ?? 0) / main.seconds);
      p99s.push(main.p99);
      // The race check (not timed): each of these people sends two applications at the same
      // moment to two different challenges; exactly one may be accepted.
      const race = await load({ base: app.base, connections: o.connections, amount: w3.tokens.race.length * 2, next: (i) => apply(w3.tokens.race[i >> 1], ch[((i >> 1) + (i & 1) * 50) % ch.length], i), onResponse: keep });
      raceStatus = race.status;
    } finally {
      await app.stop();
    }
    statuses.push(mainStatus);
    o.log(`  run ${k + 1}: ${mainStatus['201'] ?? 0} accepted in ${seconds.toFixed(2)} s = ${accepted[k].toFixed(0)}/s, p99 ${p99s[k]} ms, statuses ${JSON.stringify(mainStatus)}; race ${JSON.stringify(raceStatus)}`);
    const c = checkDb(runDb, created, {
      expected201: (warmStatus['201'] ?? 0) + (mainStatus['201'] ?? 0) + (raceStatus['201'] ?? 0),
      applicants: w3.tokens.applicants.length, main201: mainStatus['201'] ?? 0, race: w3.tokens.race.length, race201: raceStatus['201'] ?? 0,
    });
    (k === 0 ? checks : []).push(...c.ok);
    failures.push(...c.failures.map((f) => `run ${k + 1}: ${f}`));
  }
  // The ceiling: the same 10k POSTs answered with the bytes of a real 201 from memory.
  if (sample201) {
    const raw = await startRaw({}, sample201);
    try {
      const run = () => load({ base: raw.base, connections: o.connections, amount: w3.tokens.applicants.length, next: (i) => apply(w3.tokens.applicants[i], ch[i % ch.length], i) });
      await run();
      for (let k = 0; k < o.runs; k++) raws.push((await run()).rps);
    } finally {
      await raw.stop();
    }
  }
  for (const f of [runDb, `${runDb}-wal`, `${runDb}-shm`]) rmSync(f, { force: true });
  const raw = spread(raws.length ? raws : [NaN]);
  return {
    accepted: spread(accepted), raw, p99: spread(p99s), checks, failures, statuses,
    ratio: spread(accepted.map((a, k) => a / (raws[k] ?? NaN))),
  };
}

interface Expect { expected201: number; applicants: number; main201: number; race: number; race201: number }

/** What a person would check after the rush: nothing lost, nothing twice, limits exact. */
function checkDb(file: string, created: Set<string>, e: Expect): { ok: string[]; failures: string[] } {
  const sq = new SQLite(file, { readonly: true });
  const one = (s: string, ...p: unknown[]) => Number(Object.values(sq.prepare(s).get(...p) as object)[0]);
  const ok: string[] = [];
  const failures: string[] = [];
  const expect = (cond: boolean, good: string, bad: string) => (cond ? ok : failures).push(cond ? good : bad);
  try {
    const rows = one('select count(*) from applications');
    const ids = new Set((sq.prepare('select id from applications').all() as Array<{ id: string }>).map((r) => r.id));
    const lost = [...created].filter((id) => !ids.has(id)).length;
    expect(lost === 0, `zero lost: all ${created.size} answered 201 have their row`, `${lost} applications answered 201 have no row`);
    expect(rows === e.expected201, `no row without a 201: ${rows} rows = ${e.expected201} answers 201`, `${rows} rows but ${e.expected201} answers 201`);
    const dup = one('select count(*) from (select lead_id, challenge_id from applications group by lead_id, challenge_id having count(*) > 1)');
    expect(dup === 0, 'zero duplicated (person, challenge)', `${dup} (person, challenge) pairs applied twice`);
    const over = one(`select count(*) from (select lead_id from applications where status in ('submitted','qualified','selected') group by lead_id having count(*) > 1)`);
    expect(over === 0, 'per-person limit exact: nobody leads more than 1 active application', `${over} people lead more than 1 active application`);
    expect(e.race201 === e.race, `race check: each of ${e.race} people sending 2 at once got exactly 1 accepted`, `race check: ${e.race201} accepted for ${e.race} people sending 2 each`);
    expect(e.main201 === e.applicants, `all ${e.applicants} applicants accepted`, `${e.applicants - e.main201} of ${e.applicants} applicants were not accepted`);
    const audit = one(`select count(*) from audit_events where entity = 'application'`);
    expect(audit >= rows, `every application has its audit event (${audit})`, `${audit} application audit events for ${rows} applications`);
    const drift = one(`select count(*) from challenges c where c.applicant_count != (select count(*) from applications a where a.challenge_id = c.id and a.status in ('submitted','qualified','selected'))`);
    expect(drift === 0, 'applicant counts on the challenges match the rows', `${drift} challenges show an applicant count that differs from their rows`);
  } finally {
    sq.close();
  }
  return { ok, failures };
}
