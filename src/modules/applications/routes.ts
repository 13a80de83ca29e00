import type { App } from '../../server/app.ts';

export async function applicationRoutes(_app: App) {}
