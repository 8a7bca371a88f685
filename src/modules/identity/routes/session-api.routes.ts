import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF_ROLES } from '../../../platform/access/staff-roles.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { problemResponses } from '../../../platform/http/problem-schema.ts';
import type { AppServices } from '../../../platform/services.ts';
import { clearSessionCookie, requireSignedIn } from '../sessions/auth-hook.ts';
import { revokeAllSessions, revokeSession } from '../sessions/session-store.ts';

const TAGS = ['identity'];

export async function sessionApiRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/me',
    {
      schema: {
        tags: TAGS,
        summary: 'Who is signed in',
        response: {
          200: z.object({
            type: z.string(),
            id: z.string(),
            municipalityCode: z.string().nullable(),
            householdId: z.string().nullable(),
            roles: z.array(z.enum(STAFF_ROLES)),
          }),
          ...problemResponses(401),
        },
      },
    },
    async (request) => {
      const actor = requireSignedIn(request);
      return {
        type: actor.type,
        id: actor.id ?? '',
        municipalityCode: actor.municipalityCode ?? null,
        householdId: actor.householdId ?? null,
        roles: [...(actor.roles ?? [])],
      };
    },
  );

  r.post(
    '/api/v1/sign-out',
    { schema: { tags: TAGS, summary: 'End this session', response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.session) await revokeSession(services.db, request.session.id, 'signed-out', services.now());
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/sign-out/everywhere',
    {
      schema: {
        tags: TAGS,
        summary: 'End every session of the signed-in person, on every device',
        response: { 200: z.object({ ended: z.number().int() }), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const actor = requireSignedIn(request);
      if (actor.type === 'partner-app' || actor.type === 'system') {
        throw new AppError('forbidden', 403, {
          en: 'API keys have no sessions.',
          ja: 'API キーにはセッションがありません。',
        });
      }
      const principalType = actor.type === 'parent' ? 'parent' : 'staff';
      const ended = await revokeAllSessions(
        services.db,
        { principalType, principalId: actor.id! },
        'signed-out-everywhere',
        services.now(),
      );
      await recordAudit(services.db, {
        actor,
        action: 'session.sign-out-everywhere',
        resource: { type: principalType, id: actor.id },
        municipalityCode: actor.municipalityCode ?? null,
        purpose: 'sign-out on every device',
        outcome: 'success',
        requestId: request.id,
        detail: { ended },
      });
      clearSessionCookie(reply);
      return { ended };
    },
  );
}
