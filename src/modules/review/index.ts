// What other areas may use of the review (评审) area. Loading it provides the applications area
// with the review gate (a campaign that requires a review selects only what the leaders approved).
import { describeAuditEntity } from '../audit/index.ts';
import { provideReviewReader } from '../applications/index.ts';
import type { Db } from '../../db/connect.ts';
import type {} from './events.ts';
import { approvedApplications, reviewScores } from './decisions.ts';

provideReviewReader({ approvedApplications, reviewScores });

describeAuditEntity('review_round', async (db: Db, ids) => {
  const rows = await db.selectFrom('review_rounds').select(['id', 'title']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
});

export { roundMachine } from './lifecycle.ts';
export { putExpert } from './pool.ts';
export { createRound, transitionRound } from './rounds.ts';
export { acceptDeclaration, myTasks, saveSheet } from './scoring.ts';
export { proposeDecision } from './decisions.ts';
export { reviewRoutes } from './routes.ts';
export { reviewScores } from './decisions.ts';
