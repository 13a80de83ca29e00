import { Type } from 'typebox';
import type { App } from '../../server/http.ts';
import { signedIn } from '../../lib/context.ts';
import { unauthorized } from '../../lib/errors.ts';
import { ctxOf } from '../../server/http.ts';
import { createSession, deleteSession, SESSION_COOKIE } from './sessions.ts';
import { changePassword, checkCredentials, makeToken, myTokens, revokeMyToken } from './service.ts';
import { addressKey, assertMayGuess, clearFailures, loginKey, recordFailure } from './throttle.ts';
import { IdParams } from '../../lib/schema.ts';
import { MIN_PASSWORD_LENGTH } from '../../lib/password-policy.ts';
import { presentMe, UserOut } from '../org/index.ts';

const Me = Type.Object({ user: UserOut, csrfToken: Type.Union([Type.String(), Type.Null()], { description: 'send as x-csrf-token with every change made with the session cookie' }) });
const Scope = Type.Union([Type.Literal('full'), Type.Literal('read')]);
const TokenOut = Type.Object({
  id: Type.String(), name: Type.String(), token: Type.String({ description: 'shown only now; send as Authorization: Bearer <token>' }),
  scope: Scope, expiresAt: Type.String(), createdAt: Type.String(),
});
const TokenInfo = Type.Object({
  id: Type.String(), name: Type.String(), scope: Scope, createdAt: Type.String(), expiresAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]), revokedAt: Type.Union([Type.String(), Type.Null()]), active: Type.Boolean(),
});

const Login = Type.Object({
  login: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false });

export async function authRoutes(app: App) {
  app.post('/auth/login', {
    schema: { tags: ['auth'], operationId: 'login', summary: 'Sign in; sets the session cookie and returns the CSRF token', body: Login, security: [], response: { 200: Me } },
    // Guessing is slowed per account and per address by counting failures (throttle.ts); a flood
    // of sign-ins from one address is capped here (shared through Redis when several instances
    // run). The address is the peer's unless TRUST_PROXY names the proxies in front, so a forged
    // X-Forwarded-For changes nothing.
    config: { rateLimit: { hook: 'preHandler', max: 100, timeWindow: '1 minute', keyGenerator: (req: any) => `login|${req.ip}` } },
  }, async (req, reply) => {
    const keys = [loginKey(req.body.login), addressKey(req.ip)];
    await assertMayGuess(app.db, keys, app.clock());
    const userId = await checkCredentials(app.db, req.body.login, req.body.password);
    if (!userId) {
      await recordFailure(app.db, keys, app.clock());
      throw unauthorized('Wrong login or password.');
    }
    await clearFailures(app.db, keys[0]);
    const { secret, csrfToken } = await createSession(app.db, userId, app.clock(), app.config.sessionHours);
    reply.setCookie(SESSION_COOKIE, secret, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.publicUrl.startsWith('https:'),
      maxAge: app.config.sessionHours * 3600,
    });
    return { user: await presentMe(app.db, userId, app.clock), csrfToken };
  });

  app.post('/auth/logout', { schema: { tags: ['auth'], operationId: 'logout', summary: 'Sign out', response: { 204: Type.Null({ description: 'signed out' }) } } }, async (req, reply) => {
    const secret = req.cookies[SESSION_COOKIE];
    if (secret) await deleteSession(app.db, secret);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/me', { schema: { tags: ['auth'], operationId: 'getMe', summary: 'The signed-in person, with a fresh view of their roles', response: { 200: Me } } }, async (req) => {
    const actor = signedIn(ctxOf(req));
    return { user: await presentMe(app.db, actor.id, app.clock), csrfToken: req.csrfToken };
  });

  app.get('/me/tokens', {
    schema: { tags: ['auth'], operationId: 'listAccessTokens', summary: 'My personal access tokens (no secrets): scope, expiry, last use, revoked', response: { 200: Type.Object({ items: Type.Array(TokenInfo) }) } },
  }, async (req) => myTokens(ctxOf(req)));

  app.post('/me/tokens', {
    schema: {
      tags: ['auth'], operationId: 'createAccessToken', summary: 'Create a personal access token (the secret is shown once)', response: { 201: TokenOut },
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 100 }),
        expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 90, description: 'default 90, at most 365' })),
        scope: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('read')], { description: 'read: GET only' })),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => reply.status(201).send(await makeToken(ctxOf(req), req.body)));

  app.delete('/me/tokens/:id', {
    schema: { tags: ['auth'], operationId: 'revokeAccessToken', summary: 'Revoke one of my tokens (for good)', params: IdParams, response: { 204: Type.Null({ description: 'revoked' }) } },
  }, async (req, reply) => {
    await revokeMyToken(ctxOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/me/password', {
    schema: {
      tags: ['auth'], operationId: 'changePassword', summary: 'Change my password: my other sessions end and my tokens are revoked', response: { 204: Type.Null({ description: 'changed' }) },
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 256 }) }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    await changePassword(ctxOf(req), req.body.currentPassword, req.body.newPassword, req.sessionId);
    return reply.status(204).send(null);
  });
}
