// 能者上、庸者下: a terminated project can be given to the runner-up — the best application of the
// same challenge that passed the eligibility check and was not chosen (not_selected comes only
// from qualified) — who then signs their own pledge. The runner-up is the one the expert review
// ranked highest; without a review, the earliest submitted.
import type { Db, Tx } from '../../db/connect.ts';
import { reviewScores } from '../review/index.ts';
import type { ProjectRow } from './repo.ts';

export async function runnerUpOf(db: Db | Tx, p: Pick<ProjectRow, 'challenge_id' | 'application_id'>): Promise<{ id: string; leadId: string } | null> {
  const taken = await db.selectFrom('projects').select('application_id').where('challenge_id', '=', p.challenge_id).execute();
  const rows = await db.selectFrom('applications').select(['id', 'lead_id', 'submitted_at'])
    .where('challenge_id', '=', p.challenge_id).where('status', '=', 'not_selected')
    .where('id', 'not in', [p.application_id, ...taken.map((t) => t.application_id)])
    .orderBy('submitted_at').orderBy('id').execute();
  if (rows.length === 0) return null;
  const scores = await reviewScores(db, rows.map((r) => r.id));
  const ranked = [...rows].sort((a, b) => (scores.get(a.id)?.rank ?? Infinity) - (scores.get(b.id)?.rank ?? Infinity));
  return { id: ranked[0]!.id, leadId: ranked[0]!.lead_id };
}
