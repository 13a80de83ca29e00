// The notifications area's SQL.
import type { Db, Tx } from '../../db/connect.ts';
import type { NotificationTable } from '../../db/schema.ts';

type Conn = Db | Tx;

/** Insert, ignoring rows already there (a delivery job that is retried writes each row once). */
export async function insertNotifications(tx: Conn, rows: NotificationTable[]): Promise<void> {
  if (rows.length) await tx.insertInto('notifications').values(rows).onConflict((oc) => oc.column('id').doNothing()).execute();
}

export async function pageFor(db: Conn, recipientId: string, unreadOnly: boolean, limit: number, offset: number) {
  let base = db.selectFrom('notifications').where('recipient_id', '=', recipientId);
  if (unreadOnly) base = base.where('read_at', 'is', null);
  const [rows, count, unread] = await Promise.all([
    base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    unreadCount(db, recipientId),
  ]);
  return { rows, total: Number(count.n), unread };
}

export async function unreadCount(db: Conn, recipientId: string): Promise<number> {
  const r = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipient_id', '=', recipientId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

export const findFor = (db: Conn, recipientId: string, id: string) =>
  db.selectFrom('notifications').selectAll().where('id', '=', id).where('recipient_id', '=', recipientId).executeTakeFirst();

export async function markRead(db: Conn, recipientId: string, at: string, id?: string): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: at }).where('recipient_id', '=', recipientId).where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** Names of the people a notification mentions (its actor). */
export async function namesOf(db: Conn, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
