import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { openDb } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { adminQuery, TEMPLATE_PREFIX, urlFor } from './pg.ts';

declare module 'vitest' {
  export interface ProvidedContext { pgTemplate: string }
}

export default async function setup(project: TestProject) {
  const template = TEMPLATE_PREFIX + randomBytes(5).toString('hex');
  try {
    await adminQuery(`create database ${template}`);
  } catch (e) {
    throw new Error(`PostgreSQL at JIEBANG_TEST_PG is unreachable or refused: ${(e as Error).message}`);
  }
  const db = openDb(urlFor(template), { poolSize: 1 });
  await migrateToLatest(db);
  await db.destroy();
  project.provide('pgTemplate', template);
  return async () => { await adminQuery(`drop database if exists ${template} with (force)`); };
}
