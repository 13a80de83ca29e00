// What other areas may use of the review (评审) area. Loading it provides the applications area
// with the review gate (a campaign that requires a review selects only after a closed round).
import { describeAuditEntity } from '../audit/index.ts';
import { provideReviewReader } from '../applications/index.ts';
import type { Db } from '../../db/connect.ts';
import type {} from './events.ts';

provideReviewReader({
  async reviewedChallenges(db, challengeIds) {
    if (!challengeIds.length) return new Set();
    const rounds = await db.selectFrom('review_rounds').select(['challenge_id', 'campaign_id', 'panels']).where('status', '=', 'closed').execute();
    const apps = await db.selectFrom('applications').select(['id', 'challenge_id']).where('challenge_id', 'in', challengeIds).execute();
    const done = new Set<string>();
    for (const r of rounds) {
      const reviewed = new Set(Object.keys(JSON.parse(r.panels ?? '{}')));
      for (const a of apps) if (reviewed.has(a.id) || r.challenge_id === a.challenge_id) done.add(a.challenge_id);
    }
    return done;
  },
});

describeAuditEntity('review_round', async (db: Db, ids) => {
  const rows = await db.selectFrom('review_rounds').select(['id', 'title']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
});

export { roundMachine } from './lifecycle.ts';
export { putExpert } from './pool.ts';
export { createRound, transitionRound } from './rounds.ts';
export { acceptDeclaration, myTasks, saveSheet } from './scoring.ts';
export { reviewRoutes } from './routes.ts';
