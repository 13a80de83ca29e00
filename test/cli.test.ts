// The `jiebang` command as an operator runs it: real processes on a real SQLite file.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'jiebang-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dbFile = join(dir, 'cli.db');

function jiebang(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, DATABASE_URL: `sqlite:${dbFile}`, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 60_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});

// Each test starts several tsx processes (2–5 s each on a busy machine): give them room; a real
// failure still fails, only slowness does not.
describe('jiebang CLI', { timeout: 180_000 }, () => {
  it('--help lists the commands, each has its own help', () => {
    const top = jiebang(['--help']);
    for (const c of ['serve', 'migrate', 'seed', 'user', 'audit']) expect(top.out).toContain(c);
    expect(jiebang(['audit', 'verify', '--help']).out).toMatch(/hash chain/);
  });

  it('migrates, creates a user, verifies the audit chain and finds a tampered event', () => {
    expect(jiebang(['migrate']).out).toMatch(/Applied: 0001_base, 0002_board_indexes|up to date/);
    expect(jiebang(['migrate']).out).toContain('up to date');
    const created = jiebang(['user', 'create', '--login', 'zhaolei', '--name', '赵磊', '--role', 'organizer'], { JIEBANG_NEW_PASSWORD: 'long-enough-1' });
    expect(created.code).toBe(0);
    expect(created.out).toContain('zhaolei');
    jiebang(['user', 'create', '--login', 'qianli', '--name', '钱力']);
    const ok = jiebang(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/intact: 2 events/);
    const raw = new Database(dbFile);
    raw.prepare("update audit_events set after = replace(after, '赵磊', '赵雷') where seq = 1").run();
    raw.close();
    const broken = jiebang(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN at event #1/);
  });

  it('backup copies a running installation: a copy taken under writes verifies; one taken at rest holds the same rows', async () => {
    const home = mkdtempSync(join(dir, 'home-'));
    const live = join(home, 'jiebang.db');
    const port = await freePort();
    const env = { ...process.env, DATABASE_URL: `sqlite:${live}`, PORT: String(port), JIEBANG_DEMO: '1', LOG_LEVEL: 'warn', JIEBANG_ADMIN_PASSWORD: 'admin-password-long' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], { env });
    const backup = (to: string) => new Promise<{ code: number | null; out: string }>((resolve) => {
      const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'backup', to], { env });
      let out = '';
      p.stdout.on('data', (d) => { out += d; });
      p.stderr.on('data', (d) => { out += d; });
      p.on('exit', (code) => resolve({ code, out }));
    });
    const verify = (copy: string) => jiebang(['audit', 'verify'], {
      DATABASE_URL: `sqlite:${join(copy, 'jiebang.db')}`, JIEBANG_AUDIT_KEY_FILE: join(home, 'audit.key'), JIEBANG_AUDIT_CHECKPOINTS: join(copy, 'audit-checkpoints.log'),
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => { out += d; if (out.includes('Jiebang is serving')) resolve(); });
        child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
      });
      // People signing in (each a session row and audit work) while the first backup runs.
      let writing = true;
      const signIns = (async () => {
        let n = 0;
        while (writing) {
          const r = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
            method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'organizer', password: 'jiebang-demo' }),
          });
          expect(r.status).toBe(200);
          n++;
        }
        return n;
      })();
      const during = await backup(join(dir, 'backup-during'));
      writing = false;
      expect(await signIns).toBeGreaterThan(0);
      expect(during.code, during.out).toBe(0);
      expect(verify(join(dir, 'backup-during')).out).toMatch(/Audit chain intact: \d+ events/);

      const atRest = await backup(join(dir, 'backup-rest'));
      expect(atRest.code, atRest.out).toBe(0);
      expect((await backup(join(dir, 'backup-rest'))).out).toContain('not empty'); // never over an earlier backup
      const counts = (file: string) => {
        const d = new Database(file, { readonly: true });
        const tables = (d.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'challenge_fts_%' order by name").all() as Array<{ name: string }>).map((t) => t.name);
        const out = Object.fromEntries(tables.map((t) => [t, (d.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]));
        d.close();
        return out;
      };
      const copy = counts(join(dir, 'backup-rest', 'jiebang.db'));
      expect(copy.audit_events).toBeGreaterThan(100);
      expect(copy).toEqual(counts(live));
      expect(verify(join(dir, 'backup-rest')).out).toMatch(/Audit chain intact/);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('a bad configuration value stops start-up naming the variable', () => {
    const r = jiebang(['serve'], { PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.out).toContain('PORT');
  });

  it('serve: first start creates the admin with a generated password printed once, and it signs in', async () => {
    const port = await freePort();
    const fresh = join(dir, 'serve.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
      env: { ...process.env, DATABASE_URL: `sqlite:${fresh}`, PORT: String(port), JIEBANG_DEMO: '0', LOG_LEVEL: 'warn', JIEBANG_ADMIN_PASSWORD: '' },
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          if (out.includes('Jiebang is serving')) resolve(out);
        });
        child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
      });
      expect(line).toContain(`http://127.0.0.1:${port}`);
      const password = /generated password (\S+)/.exec(line)?.[1];
      expect(password).toBeTruthy();
      const health = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(await health.json()).toEqual({ status: 'ready' });
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password }),
      });
      expect(login.status).toBe(200);
      expect((await login.json()).user.roles).toContain('admin');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('a server reachable from the network never keeps the published demo password; demo remove deletes the demo', async () => {
    const file = join(dir, 'demo.db');
    const env = { DATABASE_URL: `sqlite:${file}` };
    const run = (args: string[]) => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 120_000 });
      return r.stdout + r.stderr;
    };
    expect(run(['seed', 'demo'])).toContain('Demo loaded');
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '0.0.0.0', LOG_LEVEL: 'warn', JIEBANG_ADMIN_PASSWORD: 'admin-password-long' },
    });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (d) => { text += d; if (text.includes('Jiebang is serving')) resolve(text); });
        child.on('exit', (code) => reject(new Error(`server exited ${code}: ${text}`)));
      });
      expect(out).toMatch(/Warning: \d+ demo accounts exist on a server reachable from the network/);
      const fresh = /their new password is (\S+) \(shown only now\)/.exec(out)?.[1];
      expect(fresh).toBeTruthy();
      const login = (password: string) => fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'organizer', password }),
      });
      expect((await login('jiebang-demo')).status).toBe(401);
      expect((await login(fresh!)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(run(["demo", "remove"])).toMatch(/Removed the demo: \d+ people, \d+ challenges/);
    const raw = new Database(file);
    expect(raw.prepare("select count(*) as n from users where login in ('organizer', 'zhangwei')").get()).toEqual({ n: 0 });
    expect(raw.prepare('select count(*) as n from challenges').get()).toEqual({ n: 0 });
    raw.close();
    expect(run(['audit', 'verify'])).toMatch(/intact/);
  });
});
