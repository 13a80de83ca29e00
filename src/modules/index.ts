// The composition root of the domain areas: loading this file loads every area, which registers
// its event subscriptions, its jobs and the ports other areas read through. The server and the
// CLI import this, never an area's internals.
import './housekeeping.ts';
import { Type } from 'typebox';
import { ROLES } from '../lib/context.ts';
import type { App } from '../server/http.ts';
import { applicationMachine, applicationRoutes, membershipMachine } from './applications/index.ts';
import { auditRoutes } from './audit/index.ts';
import { authRoutes } from './auth/index.ts';
import { campaignRoutes } from './campaigns/index.ts';
import { BOARD_STATES, challengeMachine, challengeRoutes } from './challenges/index.ts';
import { jobRoutes } from './jobs/index.ts';
import { notificationRoutes } from './notifications/index.ts';
import { orgRoutes, POLITICAL_STATUSES } from './org/index.ts';
import { reviewRoutes, roundMachine } from './review/index.ts';
import { milestoneMachine, projectMachine, projectRoutes } from './projects/index.ts';

const Lifecycle = Type.Object({
  states: Type.Array(Type.String()),
  actions: Type.Array(Type.String()),
  reasonRequired: Type.Array(Type.String(), { description: 'actions that must give a reason' }),
});
const Lifecycles = Type.Object({
  roles: Type.Array(Type.String()),
  politicalStatuses: Type.Array(Type.String()),
  challenge: Type.Intersect([Lifecycle, Type.Object({ boardStates: Type.Array(Type.String(), { description: 'the states the board lists' }) })]),
  application: Lifecycle,
  membership: Lifecycle,
  reviewRound: Lifecycle,
  project: Lifecycle,
  milestone: Lifecycle,
});

const lifecycleOf = (m: { states: readonly string[]; actions: readonly string[]; reasonRequired: readonly string[] }) =>
  ({ states: [...m.states], actions: [...m.actions], reasonRequired: [...m.reasonRequired] });

/** The roles, states and actions the server knows, so that clients never re-type them. */
async function lifecycleRoutes(api: App) {
  api.get('/lifecycles', {
    schema: { tags: ['meta'], operationId: 'getLifecycles', summary: 'Roles, political statuses, and the states and actions of each lifecycle (no sign-in needed)', security: [], response: { 200: Lifecycles } },
  }, async () => ({
    roles: [...ROLES],
    politicalStatuses: [...POLITICAL_STATUSES],
    challenge: { ...lifecycleOf(challengeMachine), boardStates: [...BOARD_STATES] },
    application: lifecycleOf(applicationMachine),
    membership: lifecycleOf(membershipMachine),
    reviewRound: lifecycleOf(roundMachine),
    project: lifecycleOf(projectMachine),
    milestone: lifecycleOf(milestoneMachine),
  }));
}

/** Every area's routes, under /api/v1. */
export async function areaRoutes(api: App) {
  for (const routes of [lifecycleRoutes, authRoutes, orgRoutes, campaignRoutes, challengeRoutes, applicationRoutes, notificationRoutes, reviewRoutes, projectRoutes, auditRoutes, jobRoutes]) {
    await api.register(routes);
  }
}
