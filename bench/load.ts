// The load client: autocannon's programmatic API, the same for the app and the raw ceiling.
import autocannon from 'autocannon';

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  base: string;
  connections: number;
  /** Seconds, or… */
  duration?: number;
  /** …a fixed number of requests. */
  amount?: number;
  /** Request number i (0, 1, 2 … across all connections). */
  next: (i: number) => LoadRequest;
  /** Called with every response (status and body). */
  onResponse?: (status: number, body: string) => void;
}

export interface LoadResult {
  rps: number;
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  status: Record<string, number>;
  errors: number;
  timeouts: number;
  bytesPerSec: number;
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  let i = 0;
  const started = performance.now();
  // autocannon ends an `amount` run only at its next one-second sampling tick, so its own
  // duration is rounded up to whole seconds: time the run to the last answer instead.
  let lastAnswer = started;
  const result = await autocannon({
    url: o.base,
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.duration ?? 10 }),
    timeout: 30,
    requests: [{
      setupRequest: (req: any) => {
        const r = o.next(i++);
        return { ...req, method: r.method ?? 'GET', path: r.path, headers: { ...(r.headers ?? {}), ...(r.body ? { 'content-type': 'application/json' } : {}) }, body: r.body };
      },
      onResponse: (status: number, body: string) => {
        lastAnswer = performance.now();
        o.onResponse?.(status, body);
      },
    }],
  } as any);
  const seconds = ((o.amount ? lastAnswer : performance.now()) - started) / 1000;
  const status: Record<string, number> = {};
  for (const [code, v] of Object.entries((result as any).statusCodeStats ?? {})) status[code] = (v as { count: number }).count;
  const total = result.requests.total;
  return {
    // Completed answers over wall time: autocannon's per-second average reads 0 when a
    // server is slower than one answer a second per sample.
    rps: total / (o.amount ? seconds : result.duration),
    requests: total, seconds,
    p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max,
    status, errors: result.errors, timeouts: result.timeouts, bytesPerSec: result.throughput.average,
  };
}

export interface Spread { median: number; min: number; max: number }

export function spread(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** "1,234 (1,100–1,300)" */
export const show = (s: Spread, digits = 0, unit = '') => `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;

export const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

/**
 * The same load dealt over several instances of the app (several instances on one database):
 * the connections split evenly, each instance its own client, all at once. Throughput is the sum;
 * latencies are the worst instance's.
 */
export async function loadAcross(bases: string[], o: Omit<LoadOptions, 'base'>): Promise<LoadResult> {
  if (bases.length === 1) return load({ ...o, base: bases[0] });
  const each = await Promise.all(bases.map((base, k) => load({
    ...o, base, connections: Math.floor(o.connections / bases.length) + (k < o.connections % bases.length ? 1 : 0),
  })));
  const status: Record<string, number> = {};
  for (const r of each) for (const [code, n] of Object.entries(r.status)) status[code] = (status[code] ?? 0) + n;
  const sum = (f: (r: LoadResult) => number) => each.reduce((n, r) => n + f(r), 0);
  const worst = (f: (r: LoadResult) => number) => Math.max(...each.map(f));
  return {
    rps: sum((r) => r.rps), requests: sum((r) => r.requests), seconds: worst((r) => r.seconds),
    p50: worst((r) => r.p50), p99: worst((r) => r.p99), max: worst((r) => r.max),
    status, errors: sum((r) => r.errors), timeouts: sum((r) => r.timeouts), bytesPerSec: sum((r) => r.bytesPerSec),
  };
}
