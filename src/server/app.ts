import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import { constants as zlibConstants } from 'node:zlib';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Redis } from 'ioredis';
import type { Db } from '../db/connect.ts';
import { migrationsCurrent } from '../db/migrate.ts';
import { projectRoot } from '../lib/paths.ts';
import type { Config } from './config.ts';
import { registerAuth } from './auth.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerErrorHandling } from './errors.ts';
import { buildSerializerOnFirstUse, registerTextCheck, registerValidation } from './validation.ts';
import { documentErrors, Problem } from './contract.ts';
import { areaRoutes } from '../modules/index.ts';
import { startJobRunner, takeWritten } from '../core/jobs.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    clock: () => Date;
    /** This instance's job runner: nudged after every change so outbox jobs run at once. */
    jobs: { nudge: () => void };
  }
}

export type { App } from './http.ts';
import type { App } from './http.ts';

export interface AppOptions {
  db: Db;
  config: Config;
  clock?: () => Date;
  logger?: boolean | object;
}

export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    schemaController: { compilersFactory: { buildSerializer: buildSerializerOnFirstUse as never } },
    logger: opts.logger ?? {
      level: opts.config.logLevel,
      // Secrets never reach the log.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
    bodyLimit: opts.config.bodyLimit,
    trustProxy: opts.config.trustProxy,
    // A path that is not valid percent-encoding (/%c0%ae) is a problem+json 400, as is every other error.
    frameworkErrors: (err, req, reply: any) => {
      req.log.debug({ err }, 'framework error');
      return reply.status(400).type('application/problem+json').send({
        type: 'https://jiebang.dev/problems/malformed_request', title: 'Malformed request', status: 400, code: 'malformed_request',
        detail: 'The request URL is not valid percent-encoded UTF-8.',
      });
    },
    // Requests Node's parser refuses (e.g. raw non-ASCII in the URL) still get problem+json.
    clientErrorHandler: (err, socket) => {
      if (!socket.writable) return socket.destroy(err);
      const body = JSON.stringify({
        type: 'https://jiebang.dev/problems/malformed_request', title: 'Malformed request', status: 400, code: 'malformed_request',
        detail: 'The HTTP request could not be parsed; percent-encode non-ASCII characters in the URL.',
      });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', opts.db);
  app.decorate('config', opts.config);
  app.decorate('clock', opts.clock ?? (() => new Date()));

  // Jobs and scheduled work (notifications, closing at deadlines, sealing the audit chain,
  // purges) run in every instance; JIEBANG_JOBS=0 turns the runner off (the integration tests
  // run jobs by hand with their own clock).
  const clock = opts.clock ?? (() => new Date());
  const runner = opts.config.jobs
    ? startJobRunner(opts.db, clock, opts.config.schedulerInterval, app.log)
    : { nudge: () => {}, stop: async () => {} };
  app.decorate('jobs', runner);
  app.addHook('onClose', async () => { await runner.stop(); });
  app.addHook('onResponse', async () => {
    if (takeWritten()) runner.nudge();
  });

  registerValidation(app);
  registerTextCheck(app);
  // JSON only: a text body is refused with 415 rather than half-understood.
  app.removeContentTypeParser('text/plain');
  registerErrorHandling(app);
  await app.register(cookie);
  // JSON answers compressed for browsers that accept it (static files come precompressed).
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'], brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } } });
  // Security headers on every answer. The CSP is what the app needs and no more: its own scripts,
  // styles (Ant Design writes <style> elements, so inline styles are allowed), data: images and
  // fonts, no framing by others. HSTS and upgrading requests only when served over https.
  const https = opts.config.publicUrl.startsWith('https:');
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'], connectSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"],
        frameAncestors: ["'none'"], ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  // Login throttling: in memory for one instance, in Redis when several share the load.
  const redis = opts.config.redisUrl ? new Redis(opts.config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  if (redis) app.addHook('onClose', async () => { await redis.quit(); });
  await app.register(rateLimit, { global: false, redis, nameSpace: 'jiebang-rl-' });
  registerAuth(app);

  app.addSchema(Problem);
  await app.register(swagger, {
    transform: documentErrors,
    // Shared schemas (Problem) become components named by their $id.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jiebang API', version: '1', description: '揭榜挂帅 platform HTTP API. Errors are application/problem+json.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: opts.config.publicUrl, description: 'this deployment (PUBLIC_URL)' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'jb_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      const current = await migrationsCurrent(app.db);
      if (!current) return reply.status(503).send({ status: 'migrations pending' });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });

  await app.register(async (api) => {
    api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    // What the web app must know before anyone signs in: whether the board is open to visitors.
    api.get('/public-config', {
      schema: {
        tags: ['meta'], operationId: 'getPublicConfig', summary: 'Deployment settings the web app needs before sign-in (no auth)', security: [],
        response: { 200: Type.Object({ publicBoard: Type.Boolean() }, { additionalProperties: false }) },
      },
    }, async () => ({ publicBoard: app.config.publicBoard }));
    await api.register(areaRoutes);
  }, { prefix: '/api/v1' });

  // The web app (built by `npm run build:web` into web/dist): hashed assets cached for a year,
  // and index.html for every other non-API GET so that deep links work (SPA fallback).
  const webDist = join(projectRoot(), 'web', 'dist') + '/';
  if (existsSync(`${webDist}index.html`)) {
    // Files are served precompressed (brotli, gzip: written next to them by the build) when the
    // browser accepts it; wildcard: false registers one route per built file, so a file that is
    // not there (an old chunk after a redeploy) never matches and falls to the handler below.
    await app.register(fastifyStatic, {
      root: webDist, wildcard: false, index: false, serveDotFiles: false, cacheControl: false, preCompressed: true,
      globIgnore: ['.vite/**', '**/.vite/**', '**/*.br', '**/*.gz'],
      setHeaders: (res, path) => {
        res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      const path = req.url.split('?')[0];
      // An API path, a missing built asset or any other missing file is a 404 — never the app's
      // page with 200, which a browser would try to run as the missing script (a white page).
      if (path.startsWith('/api/') || path === '/api' || path.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(path)) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }

  return app;
}
