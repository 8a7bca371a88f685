import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Grant, PERMISSIONS } from '../../../platform/access/permissions.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { problemResponses } from '../../../platform/http/problem-schema.ts';
import type { AppServices } from '../../../platform/services.ts';
import { requireSignedIn } from '../sessions/auth-hook.ts';
import { createPartnerApp, rotateApiKey } from '../use-cases/partner-apps.ts';

const TAGS = ['identity'];
/** The scopes a key can carry: every partnerScope named in the permission registry. */
const PARTNER_SCOPES = [
  ...new Set(
    Object.values(PERMISSIONS as Record<string, Grant>).flatMap((grant) =>
      grant.partnerScope ? [grant.partnerScope] : [],
    ),
  ),
] as [string, ...string[]];

export async function partnerApiRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => ({ services, actor: requireSignedIn(request), requestId: request.id });

  r.post(
    '/api/v1/partner-apps',
    {
      schema: {
        tags: TAGS,
        summary: 'Register a partner app (platform admin); the API key is shown once',
        body: z
          .object({ name: z.string().trim().min(1).max(100), scopes: z.array(z.enum(PARTNER_SCOPES)).max(20) })
          .strict(),
        response: { 201: z.object({ appId: z.uuid(), apiKey: z.string() }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createPartnerApp(ctx(request), request.body);
    },
  );

  r.post(
    '/api/v1/partner-apps/:appId/keys',
    {
      schema: {
        tags: TAGS,
        summary: 'Rotate a partner app’s API key: the old one works for 24 h more, or stops at once with revokeOld',
        params: z.object({ appId: z.uuid() }),
        body: z.object({ revokeOld: z.boolean().default(false) }).strict(),
        response: { 201: z.object({ apiKey: z.string() }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return rotateApiKey(ctx(request), { appId: request.params.appId, revokeOld: request.body.revokeOld });
    },
  );

  r.get(
    '/api/v1/partner/whoami',
    {
      schema: {
        tags: TAGS,
        summary: 'Which partner app an API key belongs to, and its scopes (to test a key)',
        response: { 200: z.object({ appId: z.uuid(), scopes: z.array(z.string()) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const actor = requireSignedIn(request);
      if (actor.type !== 'partner-app' || !actor.id) {
        throw new AppError('forbidden', 403, {
          en: 'Call this with an API key.',
          ja: 'API キーで呼び出してください。',
        });
      }
      return { appId: actor.id, scopes: [...(actor.scopes ?? [])] };
    },
  );
}
