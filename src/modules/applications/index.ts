// What other areas may use of applications. Loading this module also provides the challenges
// area with its ApplicationReader and subscribes to the award (service.ts).
import { provideApplicationReader } from '../challenges/index.ts';
import { ACTIVE_STATUSES } from './lifecycle.ts';
import { applicationTitles, countByStatus, myApplicationsFor, selectedLeadsFor, stakesOf } from './queries.ts';
import { describeAuditEntity } from '../audit/index.ts';

provideApplicationReader({
  countByStatus, mineFor: myApplicationsFor, selectedLeads: selectedLeadsFor, stakesOf, activeStatuses: ACTIVE_STATUSES,
});
describeAuditEntity('application', applicationTitles);

export { createApplication, confirmMembership, declineMembership, transitionApplication, takeOverApplication } from './service.ts';
export { applicationsForReview, type ApplicationForReview } from './queries.ts';
export { provideReviewReader, type ReviewReader } from './ports.ts';
export { ApplicationCreate } from './schemas.ts';
export { withCommittedTargets } from './rules.ts';
export { applicationMachine, membershipMachine } from './lifecycle.ts';
export type {} from './events.ts';
export { applicationRoutes } from './routes.ts';
