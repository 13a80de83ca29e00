import type { FastifyInstance } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../lib/context.ts';
import { AppError, unauthorized } from '../lib/errors.ts';
import { actorFromSession, actorFromToken, SESSION_COOKIE } from '../modules/auth/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** How the request was authenticated: a browser session (needs CSRF) or a bearer token. */
    authKind: 'session' | 'token' | null;
    /** The CSRF token of the current cookie session (to hand back on GET /me). */
    csrfToken: string | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameSecret(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Resolve who is calling on every request; enforce the CSRF header for cookie sessions. */
export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('authKind', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req) => {
    // Decide on the path as routed (decoded), never on the raw URL: /%61pi/v1/… routes to /api/v1/….
    if (!req.routeOptions.url?.startsWith('/api/')) return;
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await actorFromToken(app.db, header.slice(7).trim());
      if (!actor) throw unauthorized('The access token is unknown or revoked.');
      req.actor = actor;
      req.authKind = 'token';
      return;
    }
    const secret = req.cookies[SESSION_COOKIE];
    if (!secret) return;
    const found = await actorFromSession(app.db, secret, app.clock());
    if (!found) return;
    if (UNSAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, found.csrfToken)) {
        throw new AppError(403, 'csrf', 'CSRF check failed', 'Send the x-csrf-token header you got at sign-in with every change.');
      }
    }
    req.actor = found.actor;
    req.authKind = 'session';
    req.csrfToken = found.csrfToken;
  });
}
