// What other areas may use of authentication.
export { actorFromSession, actorFromToken, SESSION_COOKIE, writeLastUses } from './sessions.ts';
export { authRoutes } from './routes.ts';
