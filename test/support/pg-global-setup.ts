import { openDb } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { adminQuery, TEMPLATE_DB, urlFor } from './pg.ts';

export default async function setup() {
  try {
    await adminQuery(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await adminQuery(`create database ${TEMPLATE_DB}`);
  } catch (e) {
    throw new Error(`PostgreSQL at JIEBANG_TEST_PG is unreachable or refused: ${(e as Error).message}`);
  }
  const db = openDb(urlFor(TEMPLATE_DB), { poolSize: 1 });
  await migrateToLatest(db);
  await db.destroy();
}
