// The composition root of the domain areas: loading this file loads every area, which registers
// its event subscriptions, its jobs and the ports other areas read through. The server and the
// CLI import this, never an area's internals.
import './housekeeping.ts';
import './applications/index.ts';
import './notifications/index.ts';
import type { App } from '../server/http.ts';
import { applicationRoutes } from './applications/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { campaignRoutes } from './campaigns/routes.ts';
import { challengeRoutes } from './challenges/routes.ts';
import { jobRoutes } from './jobs/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { orgRoutes } from './org/routes.ts';

/** Every area's routes, under /api/v1. */
export async function areaRoutes(api: App) {
  for (const routes of [authRoutes, orgRoutes, campaignRoutes, challengeRoutes, applicationRoutes, notificationRoutes, auditRoutes, jobRoutes]) {
    await api.register(routes);
  }
}
