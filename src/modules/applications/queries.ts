// What other areas (challenges, dashboard, the scheduler) may ask about applications.
// Kept small and set-based; the applications area owns everything else.
import type { Db, Tx } from '../../db/connect.ts';
import type { Ctx } from '../../lib/context.ts';
import { recordAudit } from '../audit/service.ts';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'qualified', 'disqualified', 'selected', 'not_selected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Applications that hold a place: they count against a person's limits and a challenge's applicants. */
export const ACTIVE_STATUSES: ApplicationStatus[] = ['submitted', 'qualified', 'selected'];

export type StatusCounts = Record<ApplicationStatus, number>;

/** How many applications of a challenge are in each state. */
export async function countByStatus(db: Db | Tx, challengeId: string): Promise<StatusCounts> {
  const rows = await db.selectFrom('applications').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('challenge_id', '=', challengeId).groupBy('status').execute();
  const counts = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const r of rows) counts[r.status as ApplicationStatus] = Number(r.n);
  return counts;
}

/** The person's own application to a challenge that is not withdrawn, if any (for buttons on the challenge). */
export async function myApplicationFor(db: Db | Tx, challengeId: string, userId: string) {
  return db.selectFrom('applications').select(['id', 'status']).where('challenge_id', '=', challengeId)
    .where('lead_id', '=', userId).where('status', '!=', 'withdrawn').orderBy('created_at', 'desc').executeTakeFirst();
}

/** Same, for many challenges at once (board pages): challengeId → {id, status}. */
export async function myApplicationsFor(db: Db | Tx, challengeIds: string[], userId: string) {
  if (challengeIds.length === 0) return new Map<string, { id: string; status: string }>();
  const rows = await db.selectFrom('applications').select(['id', 'status', 'challenge_id']).where('challenge_id', 'in', challengeIds)
    .where('lead_id', '=', userId).where('status', '!=', 'withdrawn').execute();
  return new Map(rows.map((r) => [r.challenge_id, { id: r.id, status: r.status }]));
}

/**
 * At award, every qualified application that was not selected becomes not_selected, each with
 * its audit event, inside the award's transaction. Returns how many were settled.
 */
export async function settleOnAward(tx: Tx, ctx: Ctx, challengeId: string): Promise<number> {
  const rest = await tx.selectFrom('applications').select(['id', 'status']).where('challenge_id', '=', challengeId).where('status', '=', 'qualified').execute();
  const at = ctx.now().toISOString();
  for (const a of rest) {
    await tx.updateTable('applications').set({ status: 'not_selected', decided_at: at, updated_at: at }).where('id', '=', a.id).execute();
    await recordAudit(tx, ctx, { action: 'application.reject', entity: 'application', entityId: a.id, before: { status: 'qualified' }, after: { status: 'not_selected' }, reason: 'not selected at award' });
  }
  return rest.length;
}

/**
 * The leads of the selected applications of each challenge: public once the decision is
 * announced (notice, 公示) and after the award, so the board can show who took each challenge.
 */
export async function selectedLeadsFor(db: Db | Tx, challengeIds: string[]) {
  const out = new Map<string, Array<{ id: string; name: string }>>();
  if (challengeIds.length === 0) return out;
  const rows = await db.selectFrom('applications').innerJoin('users', 'users.id', 'applications.lead_id')
    .select(['applications.challenge_id', 'users.id', 'users.name'])
    .where('applications.challenge_id', 'in', challengeIds).where('applications.status', '=', 'selected')
    .orderBy('applications.submitted_at').execute();
  for (const r of rows) out.set(r.challenge_id, [...(out.get(r.challenge_id) ?? []), { id: r.id, name: r.name }]);
  return out;
}
