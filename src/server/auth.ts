import type { FastifyInstance } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../lib/context.ts';
import { AppError, unauthorized } from '../lib/errors.ts';
import { actorFromSession, actorFromToken, SESSION_COOKIE, writeLastUses } from '../modules/auth/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** How the request was authenticated: a browser session (needs CSRF) or a bearer token. */
    authKind: 'session' | 'token' | null;
    /** The CSRF token of the current cookie session (to hand back on GET /me). */
    csrfToken: string | null;
    /** The current cookie session's id (a password change keeps this one and ends the others). */
    sessionId: string | null;
    /** The change versions read with a bearer token's lookup (`Ctx.versions`). */
    versions: Readonly<Record<string, number>> | null;
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
  app.decorateRequest('sessionId', null);
  app.decorateRequest('versions', null);
  // Tokens' last uses are written a few seconds after they are noted; closing writes what is left.
  app.addHook('onClose', async () => { await writeLastUses(app.db); });
  app.addHook('onRequest', async (req) => {
    // Decide on the path as routed (decoded), never on the raw URL: /%61pi/v1/… routes to /api/v1/….
    if (!req.routeOptions.url?.startsWith('/api/')) return;
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const found = await actorFromToken(app.db, header.slice(7).trim(), app.clock());
      if (!found) throw unauthorized('The access token is unknown, expired or revoked.');
      // A read-only token reads; it changes nothing.
      if (found.scope === 'read' && UNSAFE.has(req.method)) {
        throw new AppError(403, 'read_only_token', 'Read-only token', 'This access token may only read; make a full token to change things.');
      }
      req.actor = found.actor;
      req.authKind = 'token';
      req.versions = found.versions;
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
    req.versions = found.versions;
    req.csrfToken = found.csrfToken;
    req.sessionId = found.sessionId;
  });
}
