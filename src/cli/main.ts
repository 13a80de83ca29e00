#!/usr/bin/env node
// The `jiebang` command: serve, migrate, seed demo, demo remove, user create, backup, audit verify.
import { Command, Option } from 'commander';
import { loadConfig, ConfigError, type Config } from '../server/config.ts';
import { openDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';

const program = new Command('jiebang').description('揭榜挂帅 platform: the server and its maintenance commands');

function config(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}

async function withDb<T>(fn: (db: Db, cfg: Config) => Promise<T>): Promise<T> {
  const cfg = config();
  const { setUpAuditChain } = await import('../server/audit-key.ts');
  setUpAuditChain(cfg);
  const db = openDb(cfg.databaseUrl);
  try {
    return await fn(db, cfg);
  } finally {
    await db.destroy();
  }
}

program.command('serve').description('Migrate, create the admin and demo on first start, and serve HTTP (PORT, HOST, DATABASE_URL)')
  .action(async () => {
    const { serve } = await import('../server/serve.ts');
    await serve(config());
  });

program.command('migrate').description('Apply pending database migrations').action(() =>
  withDb(async (db) => {
    const applied = await migrateToLatest(db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  }));

const seed = program.command('seed').description('Load data');
seed.command('demo').description('Load the demo campaign (践行十四五战略 打赢数字化攻坚战) if it is not there yet').action(() =>
  withDb(async (db) => {
    await migrateToLatest(db);
    const { seedDemo } = await import('../modules/demo/index.ts');
    const result = await seedDemo(db, () => new Date());
    console.log(result.created ? `Demo loaded: ${result.summary}` : `Demo not loaded: ${result.summary}.`);
  }));

const demo = program.command('demo').description('The demo campaign and its people');
demo.command('remove').description('Delete the demo campaign, its challenges and applications, and the demo people (their sessions, tokens and notifications)').action(() =>
  withDb(async (db) => {
    await migrateToLatest(db);
    const { removeDemo } = await import('../modules/demo/index.ts');
    const r = await removeDemo(db, () => new Date());
    console.log(`Removed the demo: ${r.people} people, ${r.challenges} challenges, ${r.applications} applications.`);
  }));

const user = program.command('user').description('Manage users');
user.command('create').description('Create a user')
  .requiredOption('--login <login>', 'login name')
  .requiredOption('--name <name>', 'display name')
  .option('--password <password>', 'password (at least 12 characters, not a common one); or set JIEBANG_NEW_PASSWORD')
  .addOption(new Option('--role <role...>', 'roles').choices(['admin', 'organizer', 'sponsor', 'expert', 'leader', 'party_branch', 'supervisor', 'employee']))
  .option('--department <id>', 'department id')
  .action((opts) =>
    withDb(async (db) => {
      await migrateToLatest(db);
      const { createUser } = await import('../modules/org/index.ts');
      const password = opts.password ?? process.env.JIEBANG_NEW_PASSWORD;
      try {
        const u = await createUser({ db, actor: null, now: () => new Date() },
          { login: opts.login, name: opts.name, password, roles: opts.role, departmentId: opts.department }, { skipPolicy: true });
        console.log(`Created user ${u.login} (${u.id}) with roles ${u.roles.join(', ')}.`);
      } catch (e: any) {
        console.error(e.detail ?? e.message, e.extra?.errors ? JSON.stringify(e.extra.errors) : '');
        process.exitCode = 1;
      }
    }));

program.command('backup').argument('<dir>', 'a new or empty directory to write the backup into')
  .description('Back up a SQLite installation while it runs: the database (online backup API), the audit checkpoints and the uploaded files. On PostgreSQL use pg_dump (docs/operations.md)')
  .action(async (dir: string) => {
    const cfg = config();
    if (!cfg.databaseUrl.startsWith('sqlite:')) {
      console.error('DATABASE_URL is PostgreSQL: back it up with pg_dump (see docs/operations.md, Backups).');
      process.exit(2);
    }
    const { cpSync, existsSync, mkdirSync, readdirSync } = await import('node:fs');
    const { dirname, join } = await import('node:path');
    const { backupSqlite } = await import('../db/backup.ts');
    mkdirSync(dir, { recursive: true });
    if (readdirSync(dir).length) {
      console.error(`${dir} is not empty: give a new or empty directory.`);
      process.exit(2);
    }
    const file = cfg.databaseUrl.slice('sqlite:'.length);
    // Checkpoints first: taken before the database, they never name events the copy lacks.
    const checkpoints = cfg.auditCheckpoints ?? join(dirname(file), 'audit-checkpoints.log');
    if (existsSync(checkpoints)) cpSync(checkpoints, join(dir, 'audit-checkpoints.log'));
    const { pages } = await backupSqlite(file, join(dir, 'jiebang.db'));
    const files = !cfg.files.s3 && existsSync(cfg.files.filesDir);
    if (files) cpSync(cfg.files.filesDir, join(dir, 'files'), { recursive: true });
    console.log(`Backed up ${file} (${pages} pages)${files ? ', the uploaded files' : ''} and the audit checkpoints to ${dir}.`);
    console.log('The audit key (audit.key or JIEBANG_AUDIT_KEY) is not in the backup: keep it apart, it is needed to verify the restored chain.');
  });

const audit = program.command('audit').description('The audit log');
audit.command('verify').description('Check the hash chain of the audit log; report the first broken link').action(() =>
  withDb(async (db) => {
    const { verifyChain } = await import('../modules/audit/index.ts');
    const report = await verifyChain(db);
    if (report.ok) {
      console.log(`Audit chain intact: ${report.checked} events verified.`);
    } else {
      console.error(`Audit chain BROKEN at event #${report.firstBroken!.seq}: ${report.firstBroken!.reason}. ${report.checked} events before it are intact.`);
      process.exitCode = 1;
    }
  }));

program.parseAsync(process.argv).catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
