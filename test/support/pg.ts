import pg from 'pg';

// PostgreSQL test databases are cloned from a migrated template, one per test file, so files
// run in parallel without clearing tables. The template's name is the run's own (the global
// setup makes it and hands it to the files through `provide`): two runs against one server, as
// CI's and a developer's on one machine, would otherwise drop each other's template mid-run.
export const TEMPLATE_PREFIX = 'jiebang_test_template_';

export function adminUrl(): string {
  const url = process.env.JIEBANG_TEST_PG;
  if (!url) throw new Error('JIEBANG_TEST_PG is not set');
  return url;
}

export function urlFor(database: string): string {
  const u = new URL(adminUrl());
  u.pathname = '/' + database;
  return u.toString();
}

export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
