import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../../platform/http/problem-schema.ts';
import type { AppServices } from '../../../platform/services.ts';
import { accessLogEntrySchema, consentInputSchema, consentSchema } from '../consent.schemas.ts';
import { requireSignedIn } from '../sessions/auth-hook.ts';
import { listAccessLog } from '../use-cases/list-access-log.ts';
import { grantConsent, listConsents, revokeConsent } from '../use-cases/manage-consents.ts';

const TAGS = ['identity'];

export async function consentApiRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => ({ services, actor: requireSignedIn(request), requestId: request.id });

  r.get(
    '/api/v1/me/consents',
    {
      schema: {
        tags: TAGS,
        summary: 'The parent’s consents, in force and withdrawn',
        response: { 200: z.object({ items: z.array(consentSchema) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await listConsents(ctx(request)) }),
  );

  r.post(
    '/api/v1/me/consents',
    {
      schema: {
        tags: TAGS,
        summary: 'Give a consent (to a partner app, a channel, or sharing with clinics)',
        body: consentInputSchema,
        response: { 201: consentSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return grantConsent(ctx(request), request.body);
    },
  );

  r.delete(
    '/api/v1/me/consents/:consentId',
    {
      schema: {
        tags: TAGS,
        summary: 'Withdraw a consent',
        params: z.object({ consentId: z.uuid() }),
        response: { 200: consentSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => revokeConsent(ctx(request), { consentId: request.params.consentId }),
  );

  r.get(
    '/api/v1/me/access-log',
    {
      schema: {
        tags: TAGS,
        summary: 'Who looked at or changed the household’s data (このデータを見た人)',
        response: { 200: z.object({ items: z.array(accessLogEntrySchema) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await listAccessLog(ctx(request)) }),
  );
}
