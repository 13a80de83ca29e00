// The ceiling: a bare node:http server that answers each request with the very bytes the app
// sent for it (status, headers, body), held in memory. Run as its own process:
//   node --import tsx bench/raw-server.ts <responses.json> <port>
// responses.json: { byUrl: {"<METHOD> <url>": {status, type, body}}, fallback?: {status, type, body} }
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

interface Recorded { status: number; type: string; body: string; headers?: Record<string, string> }
interface File { byUrl: Record<string, Recorded>; fallback?: Recorded }

const [file, portArg] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(file, 'utf8')) as File;

interface Ready { status: number; headers: Record<string, string | number>; body: Buffer }
const ready = (r: Recorded): Ready => {
  const body = Buffer.from(r.body, 'utf8');
  // The app's own headers too (security headers, vary …): the client parses the same bytes from both.
  return { status: r.status, headers: { ...r.headers, 'content-type': r.type, 'content-length': body.length }, body };
};
const table = new Map(Object.entries(spec.byUrl).map(([k, v]) => [k, ready(v)]));
const fallback = spec.fallback ? ready(spec.fallback) : { status: 404, headers: { 'content-length': 0 }, body: Buffer.alloc(0) };

const server = createServer((req, res) => {
  const r = table.get(`${req.method} ${req.url}`) ?? fallback;
  // Drain the request body (W3 posts one) before answering, as any real server must.
  req.resume();
  req.on('end', () => {
    res.writeHead(r.status, r.headers);
    res.end(r.body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(portArg), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
