// Kysely queries of the challenges area, dialect-neutral.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connect.ts';
import type { ChallengeTable } from '../../db/schema.ts';
import type { Actor } from '../../lib/context.ts';
import { hasRole } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { departmentSubtree } from '../org/service.ts';
import type { Viewer } from './policy.ts';

/** A challenge row with what every response shows from its campaign and department. */
export type ChallengeRow = ChallengeTable & {
  campaign_name: string;
  campaign_apply_from: string;
  campaign_apply_until: string;
  campaign_settings: string;
  department_name: string;
};

/** The effective deadline in SQL: the challenge's own applyUntil, else its campaign's. */
export const deadlineSql = sql<string>`coalesce(c.apply_until, k.apply_until)`;

export const challengeQuery = (db: Db | Tx) =>
  db.selectFrom('challenges as c')
    .innerJoin('campaigns as k', 'k.id', 'c.campaign_id')
    .innerJoin('departments as d', 'd.id', 'c.sponsor_department_id');

export const rowColumns = [
  'k.name as campaign_name', 'k.apply_from as campaign_apply_from', 'k.apply_until as campaign_apply_until',
  'k.settings as campaign_settings', 'd.name as department_name',
] as const;

export async function loadChallenge(db: Db | Tx, id: string): Promise<ChallengeRow> {
  const row = await challengeQuery(db).selectAll('c').select(rowColumns).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('challenge', id);
  return row;
}

/** The acting person (null: an anonymous visitor) with the departments they sponsor for (their own and every one below). */
export async function viewerOf(db: Db | Tx, actor: Actor | null): Promise<Viewer> {
  const dept = hasRole(actor, 'sponsor') ? actor!.departmentId : null;
  const scope = dept ? await departmentSubtree(db as Db, dept) : [];
  return { actor, sponsorScope: new Set(scope) };
}

export async function existingIds(db: Db | Tx, table: 'departments' | 'campaigns', ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom(table).select('id').where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}
