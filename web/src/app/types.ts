// Shapes returned by the API, taken from the types generated from its OpenAPI document
// (src/api/schema.d.ts, written by `npm run openapi`; a test fails when it is stale). Nothing
// here is typed by hand, so the web app and the server cannot drift apart.
import type { paths } from '../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** The body of the success answer of an operation. */
type Ok<P extends keyof paths, M extends 'get' | 'post' | 'patch'> =
  paths[P][M] extends { responses: infer R }
    ? R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never
    : never;
type ItemOf<T> = T extends { items: Array<infer I> } ? I : never;

export type User = Ok<'/api/v1/users/{id}', 'get'>;
export type AccessToken = Ok<'/api/v1/me/tokens', 'get'>['items'][number];
export type Role = User['roles'][number];
export type Department = Ok<'/api/v1/departments/{id}', 'get'>;
export type Campaign = Ok<'/api/v1/campaigns/{id}', 'get'>;
export type CampaignSettings = Campaign['settings'];
export type Challenge = Ok<'/api/v1/challenges/{id}', 'get'>;
export type Kpi = Challenge['kpis'][number];
export type RewardRule = NonNullable<Challenge['rewards']>[number];
export type Eligibility = NonNullable<Challenge['eligibility']>;
export type Application = Ok<'/api/v1/applications/{id}', 'get'>;
export type Proposal = Application['proposal'];
export type Member = Application['members'][number];
export type AuditEvent = ItemOf<Ok<'/api/v1/audit', 'get'>>;
export type NotificationPage = Ok<'/api/v1/notifications', 'get'>;
export type Notification = ItemOf<NotificationPage>;
export type Lifecycles = Ok<'/api/v1/lifecycles', 'get'>;
export type JobPage = Ok<'/api/v1/admin/jobs', 'get'>;
export type Job = ItemOf<JobPage>;
export type Expert = ItemOf<Ok<'/api/v1/experts', 'get'>>;
export type ReviewRound = Ok<'/api/v1/review/rounds/{id}', 'get'>;
export type ReviewResults = Ok<'/api/v1/review/rounds/{id}/results', 'get'>;
export type ReviewTasks = Ok<'/api/v1/review/tasks', 'get'>;
export type ReviewTaskRound = ReviewTasks['rounds'][number];
export type ReviewTask = ReviewTaskRound['tasks'][number];
export type Criterion = ReviewRound['rubric'][number];
export type Decision = ItemOf<Ok<'/api/v1/review/decisions', 'get'>>;
export type RoundConflicts = Ok<'/api/v1/review/rounds/{id}/conflicts', 'get'>;
export type Project = Ok<'/api/v1/projects/{id}', 'get'>;
export type ProjectSummary = ItemOf<Ok<'/api/v1/projects', 'get'>>;
export type Pledge = Project['pledge'];
export type PledgeContent = Pledge['content'];
export type Milestone = Project['milestones'][number];
export type HelpRequest = ItemOf<Ok<'/api/v1/help-requests', 'get'>>;
export type Verification = Ok<'/api/v1/verify/{code}', 'get'>;
export type Ceremony = Ok<'/api/v1/campaigns/{id}/ceremony', 'get'>;
export type RaceBoard = Ok<'/api/v1/challenges/{id}/race', 'get'>;
