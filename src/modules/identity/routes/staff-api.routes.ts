import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../../platform/http/problem-schema.ts';
import type { AppServices } from '../../../platform/services.ts';
import {
  emailSchema,
  staffInviteSchema,
  staffPatchSchema,
  staffSchema,
  totpCodeSchema,
} from '../identity-staff.schemas.ts';
import { findStaffById } from '../repositories/staff.repository.ts';
import { requireSignedIn, setSessionCookie } from '../sessions/auth-hook.ts';
import { signInExpired } from '../staff/staff-errors.ts';
import { inviteStaff } from '../use-cases/invite-staff.ts';
import { listStaffAccounts, updateStaffAccount } from '../use-cases/manage-staff.ts';
import { verifyStaffPassword, verifyStaffTotp } from '../use-cases/staff-sign-in.ts';
import { toStaffView } from '../use-cases/staff-views.ts';

const TAGS = ['identity'];

/** Staff sign-in (password, then TOTP) and user management, as JSON for scripts and the pages' tests. */
export async function staffApiRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => ({ services, actor: requireSignedIn(request), requestId: request.id });
  const signInContext = (request: FastifyRequest) => ({
    requestId: request.id,
    ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}),
  });

  r.post(
    '/api/v1/staff/sign-in',
    {
      schema: {
        tags: TAGS,
        summary: 'Staff sign-in, step 1: e-mail and password',
        body: z.object({ email: emailSchema, password: z.string().min(1).max(200) }).strict(),
        response: { 200: z.object({ next: z.literal('totp') }), ...problemResponses(400, 401, 403) },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { token } = await verifyStaffPassword(services, request.body, signInContext(request));
      setSessionCookie(reply, token, services);
      return { next: 'totp' as const };
    },
  );

  r.post(
    '/api/v1/staff/sign-in/totp',
    {
      schema: {
        tags: TAGS,
        summary: 'Staff sign-in, step 2: the authenticator app’s code',
        body: z.object({ code: totpCodeSchema }).strict(),
        response: { 200: staffSchema, ...problemResponses(400, 401, 403) },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      if (request.session?.stage !== 'totp-pending') throw signInExpired();
      const { token, session } = await verifyStaffTotp(
        services,
        { pendingSession: request.session, code: request.body.code },
        signInContext(request),
      );
      setSessionCookie(reply, token, services);
      const staff = await findStaffById(services.db, session.principalId);
      return toStaffView(staff!, services.now());
    },
  );

  r.get(
    '/api/v1/staff/accounts',
    {
      schema: {
        tags: TAGS,
        summary: 'Staff accounts the admin may manage',
        response: { 200: z.object({ items: z.array(staffSchema) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await listStaffAccounts(ctx(request)) }),
  );

  r.post(
    '/api/v1/staff/accounts/invitations',
    {
      schema: {
        tags: TAGS,
        summary: 'Invite a staff member (returns the one-time invitation link)',
        body: staffInviteSchema,
        response: {
          201: z.object({ staff: staffSchema, invitationUrl: z.string(), expiresAt: z.string() }),
          ...problemResponses(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const result = await inviteStaff(ctx(request), request.body);
      reply.status(201);
      return {
        staff: result.staff,
        invitationUrl: `${services.config.baseUrl}/staff/invitations/${result.invitationToken}`,
        expiresAt: result.expiresAt.toISOString(),
      };
    },
  );

  r.patch(
    '/api/v1/staff/accounts/:staffId',
    {
      schema: {
        tags: TAGS,
        summary: 'Change roles, disable or unlock a staff account',
        params: z.object({ staffId: z.uuid() }),
        body: staffPatchSchema,
        response: { 200: staffSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateStaffAccount(ctx(request), { staffId: request.params.staffId, ...request.body }),
  );
}
