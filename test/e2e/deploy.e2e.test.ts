// Several instances as docs/operations.md deploys them: two app processes on one PostgreSQL with
// Redis, behind nginx run with the shipped deploy/nginx/jiebang.conf (TLS, HTTP/2, compression,
// static files from disk). Real processes throughout: what an operator would check.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:http2';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, urlFor } from '../support/pg.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// PostgreSQL is there when JIEBANG_TEST_PG is set (CI always sets it).
const PG = !!process.env.JIEBANG_TEST_PG;
// nginx with Debian's brotli_static module (.ci/run installs both).
const hasNginx = spawnSync('nginx', ['-v']).status === 0 && existsSync('/usr/lib/nginx/modules/ngx_http_brotli_static_module.so');
if (process.env.CI && PG && !hasNginx) throw new Error('CI: nginx is missing (.ci/run installs it)');

const freePort = () => new Promise<number>((done) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => done(port));
  });
});

interface Instance { port: number; base: string; proc: ChildProcess }

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { out += d; });
  const base = `http://127.0.0.1:${port}`;
  for (const t0 = Date.now(); ;) {
    if (proc.exitCode !== null) throw new Error(`instance exited ${proc.exitCode}: ${out}`);
    const ok = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) return { port, base, proc };
    if (Date.now() - t0 > 120_000) throw new Error(`instance not ready after 120 s: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A signed-in person on one instance: cookie and CSRF token for changes. */
async function signIn(base: string, login: string, password: string) {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  expect(r.status).toBe(200);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: (await r.json()).csrfToken as string };
}

const call = (base: string, who: { cookie: string; csrf: string } | { token: string }, method: string, path: string, body?: unknown) =>
  fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...('token' in who ? { authorization: `Bearer ${who.token}` } : { cookie: who.cookie, 'x-csrf-token': who.csrf }),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });

const ADMIN_PASSWORD = 'instances-admin-password';
const PASSWORD = 'a-long-enough-password-9';

describe.skipIf(!PG || !hasNginx)('two instances on PostgreSQL and Redis behind nginx', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'jiebang-deploy-'));
  const dbName = `jiebang_i_${randomBytes(6).toString('hex')}`;
  const url = PG ? urlFor(dbName) : ''; // the body is collected even when skipped: no PostgreSQL, no URL
  let a: Instance, b: Instance;
  let nginx: ChildProcess;
  let httpsPort = 0;
  let admin: { cookie: string; csrf: string };
  let n = 0;

  /** A new person (created by the admin through A) with a token of their own. */
  async function person() {
    const login = `p${Date.now().toString(36)}${n++}`;
    const created = await call(a.base, admin, 'POST', '/users', { login, name: `测试${n}`, password: PASSWORD });
    expect(created.status).toBe(201);
    const s = await signIn(a.base, login, PASSWORD);
    const token = (await (await call(a.base, s, 'POST', '/me/tokens', { name: 'test' })).json()).token as string;
    return { id: (await created.json()).id as string, login, token, session: s };
  }

  beforeAll(async () => {
    await adminQuery(`create database ${dbName}`);
    const common = {
      DATABASE_URL: url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', JIEBANG_AUDIT_KEY: randomBytes(32).toString('hex'),
      JIEBANG_AUDIT_CHECKPOINTS: join(dir, 'audit-checkpoints.log'), JIEBANG_FILES_DIR: join(dir, 'files'), JIEBANG_ADMIN_PASSWORD: ADMIN_PASSWORD,
      JIEBANG_SCHEDULER_INTERVAL: '1', LOG_LEVEL: 'warn', HOST: '127.0.0.1', TRUST_PROXY: '127.0.0.1',
    };
    writeFileSync(join(dir, 'env.json'), JSON.stringify(common));
    a = await startInstance({ ...common, JIEBANG_DEMO: '1' }); // migrates and loads the demo
    b = await startInstance({ ...common, JIEBANG_DEMO: '0' });
    admin = await signIn(a.base, 'admin', ADMIN_PASSWORD);

    // nginx with the shipped config: only the ports, the certificate and the build's path differ.
    httpsPort = await freePort();
    const openssl = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
    expect(openssl.status).toBe(0);
    const site = readFileSync(join(ROOT, 'deploy/nginx/jiebang.conf'), 'utf8')
      .replace('server 127.0.0.1:3001;', `server 127.0.0.1:${a.port};`).replace('server 127.0.0.1:3002;', `server 127.0.0.1:${b.port};`)
      .replace(/listen 80;\n\s*listen \[::\]:80;/, `listen 127.0.0.1:${await freePort()};`)
      .replace(/listen 443 ssl http2;\n\s*listen \[::\]:443 ssl http2;/, `listen 127.0.0.1:${httpsPort} ssl http2;`)
      .replace('/etc/ssl/jiebang/fullchain.pem', join(dir, 'cert.pem')).replace('/etc/ssl/jiebang/privkey.pem', join(dir, 'key.pem'))
      .replace('/opt/jiebang/web/dist', join(ROOT, 'web/dist'));
    writeFileSync(join(dir, 'nginx.conf'), `
      load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
      daemon off; pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'error.log')} warn;
      ${process.getuid?.() === 0 ? 'user root;' : ''}
      events { worker_connections 256; }
      http {
        include /etc/nginx/mime.types; access_log off;
        client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
        ${site}
      }`);
    nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let nginxOut = '';
    nginx.stderr!.on('data', (d) => { nginxOut += d; });
    for (let i = 0; ; i++) {
      if (nginx.exitCode !== null) throw new Error(`nginx exited: ${nginxOut}`);
      if (await new Promise<boolean>((ok) => { const s = createServer(); s.once('error', () => ok(true)); s.listen(httpsPort, '127.0.0.1', () => s.close(() => ok(false))); })) break;
      if (i > 100) throw new Error('nginx did not listen');
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 240_000);

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    for (const i of [a, b]) i?.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await adminQuery(`drop database if exists ${dbName} with (force)`);
    for (const extra of ['restored']) await adminQuery(`drop database if exists ${dbName}_${extra} with (force)`);
    rmSync(dir, { recursive: true, force: true });
  });

  /** One HTTP/2 request through nginx (TLS with the test's own certificate). */
  function h2(path: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
      const client = connect(`https://127.0.0.1:${httpsPort}`, { rejectUnauthorized: false });
      client.on('error', fail);
      const req = client.request({ ':path': path, ...headers });
      const chunks: Buffer[] = [];
      let head: Record<string, unknown> = {};
      req.on('response', (h) => { head = h; });
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => { client.close(); done({ status: Number(head[':status']), headers: head, body: Buffer.concat(chunks) }); });
      req.on('error', fail);
      req.end();
    });
  }

  it('nginx answers over HTTP/2: built assets from disk, precompressed; pages and the API from the instances', async () => {
    const index = await h2('/');
    expect(index.status).toBe(200);
    const html = index.body.toString();
    expect(html).toContain('<div id="root">');
    expect(index.headers['content-security-policy']).toBeTruthy(); // the app's own headers come through
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const br = await h2(asset, { 'accept-encoding': 'br' });
    expect([br.status, br.headers['content-encoding']]).toEqual([200, 'br']);
    expect(br.headers['cache-control']).toContain('immutable');
    const plain = await h2(asset);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    // The API's JSON, gzip-compressed on the way out.
    const api = await h2('/api/v1/challenges?pageSize=50', { 'accept-encoding': 'gzip', cookie: admin.cookie });
    expect([api.status, api.headers['content-encoding']]).toEqual([200, 'gzip']);
  });

  it('a session made on one instance works on the other', async () => {
    const me = await (await call(b.base, admin, 'GET', '/me')).json();
    expect(me.user.login).toBe('admin');
    // A change with that session's CSRF token, on the other instance.
    const dept = await call(b.base, admin, 'POST', '/departments', { name: `跨实例部门${Date.now()}` });
    expect(dept.status).toBe(201);
  });

  /** Published challenges this person may apply to with a team of two. */
  async function openFor(p: { token: string }) {
    const board = await (await call(a.base, p, 'GET', '/challenges?status=published&pageSize=50')).json();
    // Open to anyone (no age or political-status condition), and a team of two is enough.
    return board.items.filter((c: { allowedActions: string[]; teamSizeMin: number; eligibility: object | null }) =>
      c.allowedActions.includes('apply') && c.teamSizeMin <= 2 && (!c.eligibility || Object.keys(c.eligibility).length === 0));
  }
  const proposal = { summary: '方案', approach: '路线', plan: '计划', expectedResults: '成果' };

  it('the one-active-lead rule holds when the same person applies through both instances at once', async () => {
    const [p, m1, m2] = [await person(), await person(), await person()];
    const open = (await openFor(p)).slice(0, 2);
    expect(open).toHaveLength(2);
    const answers = await Promise.all([[a, m1], [b, m2]].map(([i, m], k) =>
      call((i as Instance).base, p, 'POST', `/challenges/${open[k].id}/applications`, { proposal, memberIds: [(m as { id: string }).id] })));
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status).sort(), JSON.stringify(bodies)).toEqual([201, 409]);
    expect(bodies.find((x) => x.status === 409).rule).toBe('maxActiveLeads');
    const mine = await (await call(b.base, p, 'GET', '/applications?mine=1')).json();
    expect(mine.items.filter((x: { status: string }) => x.status === 'submitted')).toHaveLength(1);
  });

  it('a job runs once: the invitation to a team member is delivered once though both instances run jobs', async () => {
    const lead = await person();
    const member = await person();
    const [c] = await openFor(lead);
    const r = await call(b.base, lead, 'POST', `/challenges/${c.id}/applications`, { proposal, memberIds: [member.id] });
    expect(r.status).toBe(201);
    const inbox = async () => (await (await call(a.base, member, 'GET', '/notifications')).json()).items as Array<{ kind: string }>;
    for (const t0 = Date.now(); (await inbox()).length === 0;) {
      if (Date.now() - t0 > 30_000) throw new Error('the invitation was never delivered');
      await new Promise((res) => setTimeout(res, 200));
    }
    await new Promise((res) => setTimeout(res, 3000)); // both schedulers have polled several times since
    expect((await inbox()).map((x) => x.kind)).toEqual(['team.invited']);
  });

  it('an application through one instance shows on the other\'s board at the next read, though that one keeps its reads', async () => {
    const [lead, member, watcher] = [await person(), await person(), await person()];
    const [c] = await openFor(lead);
    const read = async (who: { token: string } | { cookie: string; csrf: string }) => (await call(a.base, who, 'GET', `/challenges/${c.id}`)).json();
    // Asked again and again on A (by token and by session), so A keeps what it read.
    for (let i = 0; i < 5; i++) await Promise.all([read(lead), read(watcher.session)]);
    const before = await read(watcher.session);
    expect((await read(lead)).allowedActions).toContain('apply');
    const applied = await call(b.base, lead, 'POST', `/challenges/${c.id}/applications`, { proposal, memberIds: [member.id] });
    const { id } = await applied.json();
    expect(applied.status).toBe(201);
    // The very next reads on A: the count moved for everyone, and the lead sees their application.
    const mine = await read(lead);
    expect(mine.applicantCount).toBe(before.applicantCount + 1);
    expect(mine.myApplication).toEqual({ id, status: 'submitted' });
    expect(mine.allowedActions).not.toContain('apply');
    expect((await read(watcher.session)).applicantCount).toBe(before.applicantCount + 1);
    // And withdrawn through B: gone on A at once.
    expect((await call(b.base, lead, 'POST', `/applications/${id}/transitions`, { action: 'withdraw', reason: '改变计划' })).status).toBe(200);
    const after = await read(lead);
    expect(after.applicantCount).toBe(before.applicantCount);
    expect(after.myApplication).toBeNull();
  });

  it('an instance killed with SIGKILL in the middle of a burst loses no acknowledged write', async () => {
    const p = await person();
    const acknowledged: string[] = [];
    let failed = 0;
    const burst = Array.from({ length: 400 }, (_, i) => call(a.base, p, 'POST', '/me/tokens', { name: `burst-${i}` })
      .then(async (r) => { if (r.status === 201) acknowledged.push((await r.json()).id); else failed++; }, () => { failed++; }));
    for (const t0 = Date.now(); acknowledged.length < 40;) {
      if (Date.now() - t0 > 60_000) throw new Error('the burst did not start');
      await new Promise((res) => setTimeout(res, 5));
    }
    a.proc.kill('SIGKILL');
    await Promise.all(burst);
    expect(failed).toBeGreaterThan(0); // it really died in the middle
    const stored = new Set(((await (await call(b.base, p, 'GET', '/me/tokens')).json()).items as Array<{ id: string }>).map((t) => t.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });

  it('a backup (pg_dump) restores to the same rows and an audit chain that verifies', async () => {
    const restored = `${dbName}_restored`;
    const dump = join(dir, 'jiebang.dump');
    // The checkpoints as they were before the dump (B still runs and may add more after it).
    const checkpoints = join(dir, 'checkpoints-at-backup.log');
    writeFileSync(checkpoints, readFileSync(join(dir, 'audit-checkpoints.log')));
    expect(spawnSync('pg_dump', ['-Fc', '-f', dump, url]).status).toBe(0);
    await adminQuery(`create database ${restored}`);
    const r = spawnSync('pg_restore', ['--no-owner', '-d', urlFor(restored), dump], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const counts = (db: string) => {
      const tables = spawnSync('psql', [urlFor(db), '-Atc', "select tablename from pg_tables where schemaname = 'public' order by 1"], { encoding: 'utf8' }).stdout.trim().split('\n');
      const q = tables.map((t) => `select '${t}', count(*) from "${t}"`).join(' union all ');
      return spawnSync('psql', [urlFor(db), '-Atc', q], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
    };
    const live = counts(dbName);
    expect(live.find((l) => l.startsWith('audit_events|'))).toMatch(/\|[1-9]\d{2,}$/); // the demo's hundreds of events
    expect(counts(restored)).toEqual(live);
    const env = JSON.parse(readFileSync(join(dir, 'env.json'), 'utf8'));
    const verify = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify'], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env, DATABASE_URL: urlFor(restored), JIEBANG_AUDIT_CHECKPOINTS: checkpoints },
    });
    expect(verify.stdout + verify.stderr).toMatch(/Audit chain intact: \d+ events/);
  });
});
