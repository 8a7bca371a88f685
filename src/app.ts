import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { registerIdentityAuth } from './modules/identity/index.ts';
import { modules } from './modules/index.ts';
import { deliverEventJob } from './platform/events/domain-events.ts';
import { registerErrorHandler } from './platform/http/error-handler.ts';
import { healthRoutes } from './platform/http/health.routes.ts';
import { registerNotFoundHandler } from './platform/http/not-found.ts';
import { securityHeaders } from './platform/http/security-headers.ts';
import type { JobDefinition } from './platform/jobs/job-registry.ts';
import type { AppServices } from './platform/services.ts';
import { webRoutes } from './platform/web/web.routes.ts';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** Every job the platform and its modules define; the queue creates one pg-boss queue per entry. */
export function allJobs(): JobDefinition[] {
  return [deliverEventJob, ...modules.flatMap((m) => m.jobs ?? [])] as JobDefinition[];
}

export function allSubscribers() {
  return modules.flatMap((m) => m.subscribers ?? []);
}

/** The composition root of the HTTP role: platform plugins first, then each module's routes. */
export async function buildApp(services: AppServices, sessionSecret: string): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    loggerInstance: services.log as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // A caller's X-Request-Id is kept when it looks like an id, so one request can be followed across systems.
    genReqId: (request) => {
      const header = request.headers['x-request-id'];
      return typeof header === 'string' && REQUEST_ID_PATTERN.test(header) ? header : randomUUID();
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS belongs to the TLS-terminating proxy in front of a deployment; on http://localhost it only gets in the way.
    hsts: config.baseUrl.startsWith('https://'),
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(headers);
    reply.header('x-request-id', request.id);
  });

  registerErrorHandler(app, registerNotFoundHandler(app));
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Errors go through our problem renderer (see error-handler.ts: 429).
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error('rate limited'), { statusCode: context.statusCode }),
  });
  await app.register(cookie, { secret: sessionSecret });
  await app.register(csrf, {
    cookieKey: '_csrf',
    cookieOpts: {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      signed: true,
      secure: config.baseUrl.startsWith('https://'),
    },
  });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  // Sets request.actor from the session cookie or API key, before any route runs.
  await registerIdentityAuth(app, services);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tsunagu API',
        version: '1',
        description:
          'Open API of Tsunagu: municipalities, the support-program registry, and the services built on them. ' +
          'Errors are RFC 9457 problem details (application/problem+json) with English and Japanese text.',
      },
      servers: [{ url: config.baseUrl }],
      tags: [{ name: 'municipalities' }, { name: 'health' }, { name: 'operations' }],
    },
    transform: jsonSchemaTransform,
    // Schemas given an id with .meta({ id }) become components, so the $refs the routes use resolve.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await healthRoutes(app, services);
  await webRoutes(app);
  for (const module of modules) {
    await module.routes?.(app, services);
  }
  return app;
}
