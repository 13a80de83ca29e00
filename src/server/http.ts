// What routes need from the server, without importing the app that registers them: the app's
// type and the service context of a request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../lib/context.ts';

export type App = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

/** The service context for a request: its database, the person acting and the app's clock. */
export function ctxOf(req: FastifyRequest): Ctx {
  return { db: req.server.db, actor: req.actor, now: req.server.clock, ...(req.versions ? { versions: req.versions } : {}) };
}


/**
 * Send JSON a service has already serialised with the route's own schema, as UTF-8 bytes (reads
 * whose parts are cached as bytes): Fastify sends a Buffer with a JSON content type as it is.
 */
export function sendJson(reply: FastifyReply, json: Buffer) {
  return reply.type('application/json; charset=utf-8').send(json);
}
