import { describeAuditEntity } from '../audit/index.ts';
import { challengeTitles } from './repo.ts';
// What other areas may use of challenges. Everything else in this folder is private to it.
export { createChallenge, updateChallenge, getChallenge, listChallenges, transitionChallenge, closeDueChallenges } from './service.ts';
export { challengeMachine, CHALLENGE_STATES, BOARD_STATES, type ChallengeState } from './lifecycle.ts';
export { provideApplicationReader, type ApplicationReader } from './ports.ts';
export { loadForApplying, type ChallengeForApplying } from './repo.ts';
export { ChallengeCreate } from './schemas.ts';
export type {} from './events.ts';
export { challengeRoutes } from './routes.ts';

describeAuditEntity('challenge', challengeTitles);
export { Kpi, kpiProblems, achievement, weightedAchievement, KPI_DIRECTIONS, type KpiDirection } from './kpis.ts';
export { viewerOf } from './repo.ts';
export type { Viewer } from './policy.ts';
