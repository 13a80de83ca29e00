// The framework's floor: how close Fastify itself comes to the raw ceiling on this machine when it
// does no work at all — a fixed body of W4's (or W1's) size, no database — bare, and with the
// plugins and hooks every answer of the app passes through (cookie, compression, security headers,
// three no-op hooks). A ratio target above the floor cannot be met by work inside the app.
//   node --import tsx bench/floor.ts [--bytes=1909] [--runs=3]
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import { registerSecurityHeaders } from '../src/server/security-headers.ts';
import { load } from './load.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const PATH = '/api/v1/challenges/018c133a-5ec8-728a-a6f3-73c3f5ab9396';

/** One server of a kind, in this process (the child side). */
async function serve(kind: string, bytes: number): Promise<number> {
  const body = Buffer.from(JSON.stringify({ x: '课'.repeat(bytes) })).subarray(0, bytes);
  if (kind === 'raw') {
    const s = createServer((req, res) => {
      req.resume();
      req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }); res.end(body); });
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return (s.address() as AddressInfo).port;
  }
  const app = Fastify({ logger: kind === 'plugins' ? { level: 'warn' } : false });
  if (kind === 'plugins') {
    await app.register(cookie);
    await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
    registerSecurityHeaders(app, { contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"] } } });
    app.addHook('onRequest', async (req) => { if (req.headers.authorization) await Promise.resolve(); });
    app.addHook('preValidation', async () => {});
    app.addHook('onResponse', async () => {});
  }
  app.get('/api/v1/challenges/:id', async (_req, reply) => reply.type('application/json; charset=utf-8').send(body));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

if (process.argv[2] === '--serve') {
  process.stdout.write(`${await serve(process.argv[3], Number(process.argv[4]))}\n`);
} else {
  const bytes = arg('bytes', 1909);
  const runs = arg('runs', 3);
  const rps: Record<string, number[]> = { raw: [], bare: [], plugins: [] };
  for (let k = 0; k < runs; k++) {
    for (const kind of Object.keys(rps)) {
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', kind, String(bytes)], { stdio: ['ignore', 'pipe', 'inherit'] });
      const port = await new Promise<string>((r) => child.stdout!.once('data', (d: Buffer) => r(d.toString().trim())));
      const next = () => ({ path: PATH, headers: { authorization: 'Bearer x' } });
      await load({ base: `http://127.0.0.1:${port}`, connections: 50, duration: 3, next });
      rps[kind].push((await load({ base: `http://127.0.0.1:${port}`, connections: 50, duration: 8, next })).rps);
      child.kill();
    }
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  console.log(`a fixed ${bytes}-byte answer, 50 connections, median of ${runs} alternating runs:`);
  for (const [kind, v] of Object.entries(rps)) {
    console.log(`  ${kind.padEnd(8)} ${median(v).toFixed(0).padStart(6)} req/s  (${v.map((x) => x.toFixed(0)).join(', ')})  ratio ${(100 * median(v) / median(rps.raw)).toFixed(0)} %`);
  }
}
