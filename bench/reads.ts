// W1 (board browse/search), W4 (one challenge) and W7 (memory under W1): read workloads on the
// big database, each against the raw ceiling serving the very same bytes for the same URLs.
import { loadAcross, spread, type LoadRequest, type LoadResult, type Spread } from './load.ts';
import { record, sampleRss, settle, startRaw, type Running } from './servers.ts';

export interface ReadFigures {
  urls: number;
  app: Spread;
  raw: Spread;
  /** app ÷ raw, per adjacent pair of runs. */
  ratio: Spread;
  p99: Spread;
  rawP99: Spread;
  p50: Spread;
  avgBytes: number;
  rssPeakMb: number;
  /** One request at a time on an idle server, per URL. */
  aloneMs: Spread;
  nonOk: Record<string, number>;
}

export interface ReadOptions {
  app: Running;
  /** More instances of the app on the same database: the load is dealt over all of them (`--instances`). */
  more?: Running[];
  token: string;
  urls: string[];
  connections: number;
  duration: number;
  warmup: number;
  runs: number;
  log: (s: string) => void;
}

export async function readWorkload(o: ReadOptions): Promise<ReadFigures> {
  const headers = { authorization: `Bearer ${o.token}` };
  const recorded = await record(o.app.base, o.urls, headers);
  const bodies = Object.values(recorded);
  const avgBytes = bodies.reduce((a, r) => a + Buffer.byteLength(r.body), 0) / bodies.length;
  // One request at a time, on an idle server: what each URL costs alone (the slowest shown).
  const alone = Object.entries(recorded).map(([url, r]) => [url.slice(4), r.ms ?? 0] as const).sort((x, y) => y[1] - x[1]);
  const aloneMs = spread(alone.map(([, ms]) => ms));
  o.log(`  one request alone (idle server, while recording the bytes): median ${aloneMs.median.toFixed(1)} ms, min ${aloneMs.min.toFixed(1)}, max ${aloneMs.max.toFixed(1)} ms; slowest: ${alone.slice(0, 3).map(([u, ms]) => `${decodeURIComponent(u)} ${ms.toFixed(0)} ms`).join(', ')}`);
  const bad = Object.entries(recorded).filter(([, r]) => r.status !== 200);
  if (bad.length) o.log(`  ${bad.length} of ${o.urls.length} URLs do not answer 200, e.g. ${bad[0][0]} → ${bad[0][1].status} ${bad[0][1].body.slice(0, 200)}`);
  const raw = await startRaw(recorded);
  // Both servers get the same sequence of URLs, from the first, on every run.
  const next = (i: number): LoadRequest => ({ path: o.urls[i % o.urls.length], headers });
  const nonOk: Record<string, number> = {};
  const runOne = async (target: Running, duration: number) => {
    const targets = target === o.app ? [o.app, ...(o.more ?? [])] : [target];
    const r = await loadAcross(targets.map((t) => t.base), { connections: o.connections, duration, next });
    for (const t of targets) await settle(t.base);
    return r;
  };
  try {
    o.log(`  warm-up ${o.warmup} s app, ${Math.ceil(o.warmup / 2)} s raw …`);
    await runOne(o.app, o.warmup);
    await runOne(raw, Math.ceil(o.warmup / 2));
    const apps: LoadResult[] = [];
    const raws: LoadResult[] = [];
    const rss = sampleRss(o.app.pid);
    for (let k = 0; k < o.runs; k++) {
      const a = await runOne(o.app, o.duration);
      const r = await runOne(raw, o.duration);
      apps.push(a);
      raws.push(r);
      for (const [code, n] of Object.entries(a.status)) if (code !== '200') nonOk[code] = (nonOk[code] ?? 0) + n;
      o.log(`  run ${k + 1}: app ${a.rps.toFixed(0)} req/s p50 ${a.p50} ms p99 ${a.p99} ms | raw ${r.rps.toFixed(0)} req/s p99 ${r.p99} ms | ratio ${(a.rps / r.rps * 100).toFixed(1)} %${a.errors || a.timeouts ? ` | app errors ${a.errors}, timeouts ${a.timeouts}` : ''}`);
    }
    const { peak } = rss.stop();
    return {
      urls: o.urls.length, avgBytes, rssPeakMb: peak, nonOk, aloneMs,
      app: spread(apps.map((a) => a.rps)), raw: spread(raws.map((r) => r.rps)),
      ratio: spread(apps.map((a, k) => a.rps / raws[k].rps)),
      p99: spread(apps.map((a) => a.p99)), rawP99: spread(raws.map((r) => r.p99)), p50: spread(apps.map((a) => a.p50)),
    };
  } finally {
    await raw.stop();
  }
}
