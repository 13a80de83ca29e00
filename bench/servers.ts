// The two servers under load, each a child process on loopback: the Jiebang app
// (`node dist/jiebang.mjs serve`, as `npm start`) and the raw node:http ceiling (raw-server.ts).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DATA_DIR, ROOT } from './generate.ts';

export interface Running {
  proc: ChildProcess;
  pid: number;
  port: number;
  base: string;
  /** Milliseconds from spawn until the server answered (readyz for the app). */
  startMs: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function stopper(proc: ChildProcess): () => Promise<void> {
  return () => new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    proc.once('exit', () => { clearTimeout(timer); resolve(); });
    proc.kill('SIGTERM');
  });
}

/** Keep the last lines a child wrote, to show them when it fails. */
function tail(proc: ChildProcess): () => string {
  let buf = '';
  const keep = (d: Buffer) => { buf = (buf + d.toString()).slice(-4000); };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  return () => buf;
}

let built = false;

/**
 * The node flags `npm start` runs the app with (package.json's start script), so the bench
 * measures what is served; a caller's flags come after them and win.
 */
export const START_FLAGS: string[] = (() => {
  const start: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const words = start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('dist/jiebang.mjs'));
})();
/** BENCH_NODE_FLAGS="--max-semi-space-size=16": flags after START_FLAGS, to measure the app without one (A/B). */
const BENCH_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

/**
 * Start the app as `npm start` does (the bundle dist/jiebang.mjs, rebuilt first if src/ changed,
 * with START_FLAGS, BENCH_FLAGS and then `nodeArgs`) on `dbFile` and wait until GET /readyz answers 200 (polled every 5 ms).
 */
export async function startApp(dbFile: string, extraEnv: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Running> {
  if (!built) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    built = true;
  }
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(process.execPath, [...START_FLAGS, ...BENCH_FLAGS, ...nodeArgs, join(ROOT, 'dist', 'jiebang.mjs'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env, DATABASE_URL: dbFile.startsWith('postgres') ? dbFile : `sqlite:${dbFile}`, JIEBANG_DEMO: '0', JIEBANG_SCHEDULER_INTERVAL: '0', LOG_LEVEL: 'warn',
      PORT: String(port), HOST: '127.0.0.1', JIEBANG_ADMIN_PASSWORD: 'bench-admin-password', ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = tail(proc);
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the app exited with ${proc.exitCode}:\n${output()}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (performance.now() - t0 > 120_000) throw new Error(`the app was not ready after 120 s:\n${output()}`);
    await sleep(5);
  }
  const startMs = performance.now() - t0;
  let stopping = false;
  proc.once('exit', (code, signal) => {
    if (!stopping) console.log(`  !! the app (pid ${proc.pid}) exited by itself (code ${code}, signal ${signal}); its last output:\n${output()}`);
  });
  const stop = stopper(proc);
  return { proc, pid: proc.pid!, port, base, startMs, stop: () => { stopping = true; return stop(); } };
}

/** An answer of the app: its status, type, body and the other headers it sent (the raw server sends the same). */
export interface Recorded { status: number; type: string; body: string; headers?: Record<string, string>; ms?: number }

/** Headers node:http writes itself for every answer (or the raw server sets from the body). */
const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'content-type']);

/** Start the raw server answering with the recorded responses ("GET /path" → bytes). */
export async function startRaw(byUrl: Record<string, Recorded>, fallback?: Recorded): Promise<Running> {
  const port = await freePort();
  const file = join(DATA_DIR, `raw-${port}.json`);
  writeFileSync(file, JSON.stringify({ byUrl, fallback }));
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'raw-server.ts'), file, String(port)], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = tail(proc);
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve(); });
    proc.once('exit', (code) => reject(new Error(`the raw server exited with ${code}:\n${output()}`)));
  });
  const stop = stopper(proc);
  return { proc, pid: proc.pid!, port, base: `http://127.0.0.1:${port}`, startMs: performance.now() - t0, stop: () => stop().then(() => rmSync(file, { force: true })) };
}

/** Fetch each URL once from the app and keep the exact bytes, for the raw server. */
export async function record(base: string, urls: string[], headers: Record<string, string>): Promise<Record<string, Recorded>> {
  const out: Record<string, Recorded> = {};
  for (const url of urls) {
    const t0 = performance.now();
    // As the load client asks: no compression (fetch would ask for it and undo it unseen).
    const r = await fetch(base + url, { headers: { ...headers, 'accept-encoding': 'identity' } });
    const body = await r.text();
    if (r.headers.get('content-encoding')) throw new Error(`${url}: the app compressed an answer the load client would get uncompressed`);
    const sent = Object.fromEntries([...r.headers].filter(([name]) => !OWN_HEADERS.has(name)));
    out[`GET ${url}`] = { status: r.status, type: r.headers.get('content-type') ?? 'application/json', body, headers: sent, ms: performance.now() - t0 };
  }
  return out;
}

/** Resident memory of a process in MB, from /proc/<pid>/status. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Sample RSS every `ms` until stopped; returns the peak and the last sample. */
export function sampleRss(pid: number, ms = 100) {
  let peak = 0;
  let last = 0;
  const timer = setInterval(() => {
    try {
      last = rssMb(pid);
      peak = Math.max(peak, last);
    } catch { /* process gone */ }
  }, ms);
  return { stop: () => { clearInterval(timer); return { peak, last }; } };
}

/**
 * Wait until the server has drained what an ended load run left in its queue (a closed client
 * does not stop work already started), so that it does not steal CPU from the next run.
 */
export async function settle(base: string, maxMs = 60_000): Promise<void> {
  const until = performance.now() + maxMs;
  let quick = 0;
  while (quick < 2 && performance.now() < until) {
    const t0 = performance.now();
    try {
      await fetch(`${base}/healthz`);
    } catch { /* busy or restarting */ }
    quick = performance.now() - t0 < 20 ? quick + 1 : 0;
    await sleep(50);
  }
}
