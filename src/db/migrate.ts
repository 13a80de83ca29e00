import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { dialectOf, type Db } from './connect.ts';
import * as m0001 from './migrations/0001_base.ts';
import * as m0002 from './migrations/0002_board_indexes.ts';
import * as m0003 from './migrations/0003_core.ts';
import * as m0004 from './migrations/0004_accounts.ts';
import * as m0005 from './migrations/0005_people_pinyin.ts';
import * as m0006 from './migrations/0006_campaign_categories.ts';
import * as m0007 from './migrations/0007_audit_actions.ts';
import * as m0008 from './migrations/0008_review.ts';
import * as m0009 from './migrations/0009_objections.ts';
import * as m0010 from './migrations/0010_decisions.ts';
import * as m0011 from './migrations/0011_pitch.ts';
import * as m0012 from './migrations/0012_measurable_kpis.ts';
import * as m0013 from './migrations/0013_projects.ts';
import * as m0014 from './migrations/0014_ceremony_race.ts';
import * as m0015 from './migrations/0015_files.ts';
import * as m0016 from './migrations/0016_search_engines.ts';
import * as m0017 from './migrations/0017_credentials_version.ts';
import * as m0018 from './migrations/0018_board_reads.ts';
import * as m0019 from './migrations/0019_search_heads.ts';
import * as m0020 from './migrations/0020_pg_search_heads.ts';
import * as m0021 from './migrations/0021_pg_heads_rounded.ts';

// Migrations are listed here, in order, so that they bundle and run the same everywhere.
const migrations: Record<string, Migration> = {
  '0001_base': m0001,
  '0002_board_indexes': m0002,
  '0003_core': m0003,
  '0004_accounts': m0004,
  '0005_people_pinyin': m0005,
  '0006_campaign_categories': m0006,
  '0007_audit_actions': m0007,
  '0008_review': m0008,
  '0009_objections': m0009,
  '0010_decisions': m0010,
  '0011_pitch': m0011,
  '0012_measurable_kpis': m0012,
  '0013_projects': m0013,
  '0014_ceremony_race': m0014,
  '0015_files': m0015,
  '0016_search_engines': m0016,
  '0017_credentials_version': m0017,
  '0018_board_reads': m0018,
  '0019_search_heads': m0019,
  '0020_pg_search_heads': m0020,
  '0021_pg_heads_rounded': m0021,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export const latestMigration = Object.keys(migrations).sort().at(-1)!;

/**
 * Run migrations with SQLite's temporary data on disk: an index built over a large table is
 * sorted there, not in memory (group-commit.ts keeps it in memory for request traffic).
 */
async function withSortsOnDisk<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (dialectOf(db) !== 'sqlite') return fn();
  await sql`pragma temp_store = file`.execute(db);
  try {
    return await fn();
  } finally {
    await sql`pragma temp_store = memory`.execute(db);
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'jiebang_migrations', migrationLockTableName: 'jiebang_migration_lock' });
  const { error, results } = await withSortsOnDisk(db, () => migrator.migrateToLatest());
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrate up (or down) to a named migration: tests of a migration start from the one before it. */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'jiebang_migrations', migrationLockTableName: 'jiebang_migration_lock' });
  const { error } = await withSortsOnDisk(db, () => migrator.migrateTo(name));
  if (error) throw error;
}

/** True when every known migration has been applied (used by /readyz). */
export async function migrationsCurrent(db: Db): Promise<boolean> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'jiebang_migrations', migrationLockTableName: 'jiebang_migration_lock' });
  const all = await migrator.getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
