// The composition root of the domain areas: loading this file loads every area, which registers
// its event subscriptions, its jobs and the ports other areas read through. The server and the
// CLI import this, never an area's internals.
import './housekeeping.ts';
import type { App } from '../server/http.ts';
import { applicationRoutes } from './applications/index.ts';
import { auditRoutes } from './audit/index.ts';
import { authRoutes } from './auth/index.ts';
import { campaignRoutes } from './campaigns/index.ts';
import { challengeRoutes } from './challenges/index.ts';
import { jobRoutes } from './jobs/index.ts';
import { notificationRoutes } from './notifications/index.ts';
import { orgRoutes } from './org/index.ts';

/** Every area's routes, under /api/v1. */
export async function areaRoutes(api: App) {
  for (const routes of [authRoutes, orgRoutes, campaignRoutes, challengeRoutes, applicationRoutes, notificationRoutes, auditRoutes, jobRoutes]) {
    await api.register(routes);
  }
}
