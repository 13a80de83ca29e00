import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { openDb, type Db } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { configureAuditChain } from '../../src/core/audit.ts';
import { buildApp, type App } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { adminQuery, urlFor } from './pg.ts';

export const dialect = (process.env.TEST_DIALECT ?? 'sqlite') as 'sqlite' | 'postgres';

/** A clock the test moves by hand: deadlines are tested without sleeping. */
export function testClock(start = '2026-06-01T02:00:00.000Z') {
  let t = new Date(start).getTime();
  const now = () => new Date(t);
  return {
    now,
    set: (iso: string) => { t = new Date(iso).getTime(); },
    advance: (ms: number) => { t += ms; },
  };
}

// What a test file made is closed and dropped after the file, whether it was made at the file's
// top, in a hook or inside a test: an afterAll registered inside a running test is never run,
// which left PostgreSQL databases behind. Last made, first closed (an app before its database).
const madeByThisFile: Array<() => unknown> = [];
afterAll(async () => {
  for (const close of madeByThisFile.splice(0).reverse()) await close();
});
export const afterFile = (close: () => unknown) => { madeByThisFile.push(close); };

/** A fresh, migrated database of the dialect this test project runs on; dropped after the file. */
export async function testDb(): Promise<Db> {
  return (await testDatabase()).db;
}

/**
 * The same, with a way to open more connections to it: another instance of the app would have
 * its own pool (PostgreSQL) or its own connection to the file (SQLite).
 */
export async function testDatabase(): Promise<{ db: Db; another: () => Db }> {
  const extra: Db[] = [];
  if (dialect === 'postgres') {
    const name = `jiebang_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${name} template ${inject('pgTemplate')}`);
    const db = openDb(urlFor(name), { poolSize: 20 });
    afterFile(async () => {
      await Promise.all([db, ...extra].map((d) => d.destroy()));
      await adminQuery(`drop database if exists ${name} with (force)`);
    });
    return { db, another: () => { const d = openDb(urlFor(name), { poolSize: 10 }); extra.push(d); return d; } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'jiebang-test-'));
  const file = join(dir, 'test.db');
  const db = openDb(`sqlite:${file}`);
  await migrateToLatest(db);
  afterFile(async () => {
    await Promise.all([db, ...extra].map((d) => d.destroy()));
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, another: () => { const d = openDb(`sqlite:${file}`); extra.push(d); return d; } };
}

export interface TestApp {
  app: App;
  db: Db;
  clock: ReturnType<typeof testClock>;
}

// Tests seal the audit chain with a fixed key and keep no checkpoint file (a test that needs one
// configures it): see core/audit.ts.
configureAuditChain({ key: Buffer.from('jiebang-test-audit-key-0123456789abcdef'), checkpoints: null });

/** The real app over a real database, driven through app.inject(). */
export async function testApp(opts: { clock?: ReturnType<typeof testClock>; env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await testDb();
  const clock = opts.clock ?? testClock();
  // Uploaded files go to a directory of the test's own, removed after the file.
  const files = mkdtempSync(join(tmpdir(), 'jiebang-files-'));
  afterFile(() => rmSync(files, { recursive: true, force: true }));
  const config = loadConfig({ JIEBANG_SCHEDULER_INTERVAL: '0', JIEBANG_JOBS: '0', JIEBANG_FILES_DIR: files, ...opts.env });
  const app = await buildApp({ db, config, clock: clock.now, logger: false });
  afterFile(() => app.close());
  return { app, db, clock };
}
