import type { App } from '../../server/app.ts';

export async function challengeRoutes(_app: App) {}
