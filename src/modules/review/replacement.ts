// Replacing an expert who left an application (declined with a conflict, or removed for one the
// organizer pinned): the next candidate in the round's seeded order, by its committed rules.
import type { Tx } from '../../db/connect.ts';
import type { ReviewRoundTable } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { fromJson } from '../../lib/json.ts';
import { drawReplacement, type Candidates } from './draw.ts';

/** Draw the replacement for one application by the round's committed rules; null when nobody is left. */
export async function replace(db: Tx, r: ReviewRoundTable, applicationId: string, replaces: string, at: string): Promise<string | null> {
  const candidates = fromJson<Candidates>(r.candidates, {})[applicationId] ?? [];
  const rows = await db.selectFrom('review_assignments').select(['application_id', 'expert_id', 'status']).where('round_id', '=', r.id).execute();
  const conflicted = (await db.selectFrom('expert_conflicts').select('expert_id').where('application_id', '=', applicationId).execute()).map((c) => c.expert_id);
  const load: Record<string, number> = {};
  for (const x of rows) if (x.status === 'assigned') load[x.expert_id] = (load[x.expert_id] ?? 0) + 1;
  const next = drawReplacement({
    seed: r.seed!, applicationId, candidates, maxLoad: r.max_load, load,
    panel: rows.filter((x) => x.application_id === applicationId && x.status === 'assigned').map((x) => x.expert_id),
    excluded: [...rows.filter((x) => x.application_id === applicationId).map((x) => x.expert_id), ...conflicted],
  });
  if (!next) return null;
  await db.insertInto('review_assignments').values({ id: newId(), round_id: r.id, application_id: applicationId, expert_id: next, status: 'assigned', status_reason: null, replaces, created_at: at, updated_at: at }).execute();
  return next;
}
