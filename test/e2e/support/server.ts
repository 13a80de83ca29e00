// Start the real server as a child process on a temp SQLite database and a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ADMIN_PASSWORD = 'e2e-admin-password';

export interface RunningServer {
  url: string;
  /** The server's database: a test may open it to let time pass (jobs, the monitor) with its own clock. */
  databaseUrl: string;
  stop(): Promise<void>;
  output(): string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** `env`: extra environment for the server (e.g. JIEBANG_PUBLIC_BOARD=1), over the test defaults. */
export async function startServer(opts: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'jiebang-e2e-'));
  const port = await freePort();
  const root = new URL('../../../', import.meta.url).pathname;
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: root,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'e2e.db')}`,
      JIEBANG_DEMO: '0', JIEBANG_ADMIN_LOGIN: 'admin', JIEBANG_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn',
      // The scheduler closes challenges at their deadline; tests move through states by hand.
      JIEBANG_SCHEDULER_INTERVAL: '0',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b) => { out += b; });
  child.stderr!.on('data', (b) => { out += b; });
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${out}`)), 60_000);
    const check = () => { if (out.includes('Jiebang is serving')) { clearTimeout(timer); resolve(); } };
    child.stdout!.on('data', check);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${out}`)); });
  });
  return {
    url,
    databaseUrl: `sqlite:${join(dir, 'e2e.db')}`,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => { child.once('exit', r); setTimeout(r, 5000); });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
