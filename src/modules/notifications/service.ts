// Reading and marking one's own notifications. Everyone reads only their own: the scope is the
// recipient, in every query (repo.ts).
import { signedIn, type Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { fromJson } from '../../lib/json.ts';
import { pageWindow } from '../../lib/pagination.ts';
import type { NotificationTable } from '../../db/schema.ts';
import { renderNotification, type Lang } from './messages.ts';
import { findFor, markRead, namesOf, pageFor, unreadCount } from './repo.ts';

/** Where the web app opens the subject of a notification. */
const LINKS: Record<string, (id: string) => string> = {
  challenge: (id) => `/challenges/${id}`, review_round: (id) => `/review?round=${id}`, decision: () => '/approvals', challenge_console: (id) => `/console/challenges/${id}`, review_round_console: (id) => `/console/review/${id}`,
  project: (id) => `/projects/${id}`, help_inbox: () => '/help-requests',
};
const linkOf = (n: NotificationTable) => (LINKS[n.entity] ?? ((id: string) => `/me?application=${id}`))(n.entity_id);

function present(n: NotificationTable, lang: Lang, names: Map<string, string>) {
  const params = { ...fromJson<Record<string, string | null>>(n.params, {}), actorName: n.actor_id ? names.get(n.actor_id) ?? null : null };
  return {
    id: n.id, kind: n.kind, entity: n.entity, entityId: n.entity_id, params, text: renderNotification(lang, n.kind, params),
    link: linkOf(n), readAt: n.read_at, createdAt: n.created_at,
  };
}

export async function listNotifications(ctx: Ctx, q: { unread?: string; page?: number; pageSize?: number }, lang: Lang) {
  const actor = signedIn(ctx);
  const { page, pageSize, offset } = pageWindow(q);
  const { rows, total, unread } = await pageFor(ctx.db, actor.id, q.unread === '1' || q.unread === 'true', pageSize, offset);
  const names = await namesOf(ctx.db, rows.map((r) => r.actor_id).filter((x): x is string => !!x));
  return { items: rows.map((r) => present(r, lang, names)), total, unread, page, pageSize };
}

export async function countUnread(ctx: Ctx) {
  return { unread: await unreadCount(ctx.db, signedIn(ctx).id) };
}

/** Mark one read (idempotent: reading a read notification again changes nothing). */
export async function readOne(ctx: Ctx, id: string, lang: Lang) {
  const actor = signedIn(ctx);
  if (!(await findFor(ctx.db, actor.id, id))) throw notFound('notification', id);
  await markRead(ctx.db, actor.id, ctx.now().toISOString(), id);
  const row = (await findFor(ctx.db, actor.id, id))!;
  return present(row, lang, await namesOf(ctx.db, row.actor_id ? [row.actor_id] : []));
}

export async function readAll(ctx: Ctx) {
  const actor = signedIn(ctx);
  return { marked: await markRead(ctx.db, actor.id, ctx.now().toISOString()), unread: 0 };
}
