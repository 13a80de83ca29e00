// A consistent copy of a running SQLite database through SQLite's online backup API (readers and
// writers carry on meanwhile). PostgreSQL is backed up with its own tools (docs/operations.md).
import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';

export async function backupSqlite(file: string, destination: string): Promise<{ pages: number }> {
  if (existsSync(destination)) throw new Error(`${destination} exists already: choose a new file`);
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    // All pages in one step: a step reads one snapshot, so writers elsewhere cannot make it restart.
    const { totalPages } = await source.backup(destination, { progress: () => 1 << 30 });
    return { pages: totalPages };
  } finally {
    source.close();
  }
}
