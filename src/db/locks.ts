// Row locks for the rest of a transaction: the rules that count (limits, one per challenge) run
// after locking the people and the challenge involved. PostgreSQL only; SQLite's writes are serial.
import { dialectOf, type Tx } from './connect.ts';
import { prepared } from './prepared.ts';

type LockedTable = 'users' | 'challenges' | 'applications' | 'review_rounds' | 'review_assignments' | 'projects' | 'milestones' | 'help_requests';

/** Lock rows for the rest of the transaction (PostgreSQL); a no-op on SQLite (already serial). */
export async function lockRows(tx: Tx, table: LockedTable, ids: string[]): Promise<void> {
  if (dialectOf(tx) !== 'postgres' || ids.length === 0) return;
  const sorted = [...new Set(ids)].sort(); // a fixed order avoids deadlocks
  await lockRead(tx, { ids: sorted }, table);
}

// A named statement per table and number of ids: every command starts with one or two of these.
const lockRead = prepared((db, p: { ids: string[] }, table) =>
  db.selectFrom(table as LockedTable).select('id').where('id', 'in', p.ids).orderBy('id').forUpdate());
