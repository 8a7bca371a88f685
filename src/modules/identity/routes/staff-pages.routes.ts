import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { decide } from '../../../platform/access/authorize.ts';
import { isStaffRole } from '../../../platform/access/staff-roles.ts';
import { detectLang } from '../../../platform/i18n/i18n.ts';
import type { AppServices } from '../../../platform/services.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { passwordSchema, staffInviteSchema, totpCodeSchema } from '../identity-staff.schemas.ts';
import { appErrorMessages, type FieldMessage, type FormBody, first, parseForm } from '../pages/form-helpers.tsx';
import {
  acceptInvitationPage,
  staffHomePage,
  staffSignInPage,
  staffTotpPage,
  staffUsersPage,
} from '../pages/staff-pages.tsx';
import { setSessionCookie } from '../sessions/auth-hook.ts';
import { newTotpSecret, totpUri } from '../staff/totp.ts';
import { acceptInvitation, findInvitation } from '../use-cases/accept-invitation.ts';
import { inviteStaff } from '../use-cases/invite-staff.ts';
import { listStaffAccounts, updateStaffAccount } from '../use-cases/manage-staff.ts';
import { verifyStaffPassword, verifyStaffTotp } from '../use-cases/staff-sign-in.ts';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const STAFF_TYPES = new Set(['staff', 'nursery-staff', 'clinic-staff']);

/** The staff console's sign-in (password, then TOTP), home, user management and invitation acceptance. */
export async function staffPageRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const csrf = { preHandler: app.csrfProtection };
  const signInContext = (request: FastifyRequest) => ({
    requestId: request.id,
    ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}),
  });
  const signedInStaff = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (STAFF_TYPES.has(request.actor.type)) return request.actor;
    void reply.redirect('/staff/sign-in', 303);
    return undefined;
  };

  r.get(
    '/staff/sign-in',
    { schema: { hide: true, querystring: z.object({ accepted: z.literal('1').optional() }) } },
    async (request, reply) => {
      if (STAFF_TYPES.has(request.actor.type)) return reply.redirect('/staff', 303);
      const csrfToken = reply.generateCsrf();
      return sendPage(request, reply, (lang) =>
        staffSignInPage(lang, { csrfToken, errors: [], accepted: request.query.accepted === '1' }),
      );
    },
  );

  r.post(
    '/staff/sign-in',
    { schema: { hide: true, body: formBody }, ...csrf, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const email = first(request.body.email) ?? '';
      try {
        const { token } = await verifyStaffPassword(
          services,
          { email, password: first(request.body.password) ?? '' },
          signInContext(request),
        );
        setSessionCookie(reply, token, services);
        return reply.redirect('/staff/sign-in/totp', 303);
      } catch (error) {
        const errors = appErrorMessages(error, detectLang(request));
        const csrfToken = reply.generateCsrf();
        return sendPage(request, reply, (lang) => staffSignInPage(lang, { csrfToken, email, errors }), 401);
      }
    },
  );

  r.get('/staff/sign-in/totp', { schema: { hide: true } }, async (request, reply) => {
    if (request.session?.stage !== 'totp-pending') return reply.redirect('/staff/sign-in', 303);
    const csrfToken = reply.generateCsrf();
    return sendPage(request, reply, (lang) => staffTotpPage(lang, { csrfToken, errors: [] }));
  });

  r.post(
    '/staff/sign-in/totp',
    { schema: { hide: true, body: formBody }, ...csrf, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const pending = request.session;
      if (pending?.stage !== 'totp-pending') return reply.redirect('/staff/sign-in', 303);
      const lang = detectLang(request);
      const parsed = parseForm(z.object({ code: totpCodeSchema }), { code: first(request.body.code) ?? '' }, lang);
      let errors: FieldMessage[] = parsed.ok ? [] : parsed.errors;
      if (parsed.ok) {
        try {
          const { token } = await verifyStaffTotp(
            services,
            { pendingSession: pending, code: parsed.data.code },
            signInContext(request),
          );
          setSessionCookie(reply, token, services);
          return reply.redirect('/staff', 303);
        } catch (error) {
          errors = appErrorMessages(error, lang);
        }
      }
      const csrfToken = reply.generateCsrf();
      return sendPage(request, reply, (l) => staffTotpPage(l, { csrfToken, errors }), 401);
    },
  );

  r.get('/staff', { schema: { hide: true } }, async (request, reply) => {
    const actor = signedInStaff(request, reply);
    if (!actor) return reply;
    const canManage = decide(actor, 'staff.read').allowed;
    const csrfToken = reply.generateCsrf();
    return sendPage(request, reply, (lang) => staffHomePage(lang, { actor, canManage, csrfToken }));
  });

  const renderUsers = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    extra: { invitationUrl?: string; errors?: FieldMessage[]; values?: Record<string, string | undefined> } = {},
    status = 200,
  ) => {
    const staff = await listStaffAccounts({ services, actor, requestId: request.id });
    const csrfToken = reply.generateCsrf();
    return sendPage(
      request,
      reply,
      (lang) => staffUsersPage(lang, { actor, staff, csrfToken, errors: extra.errors ?? [], ...extra }),
      status,
    );
  };

  r.get('/staff/users', { schema: { hide: true } }, async (request, reply) => {
    const actor = signedInStaff(request, reply);
    if (!actor) return reply;
    return renderUsers(request, reply, actor);
  });

  r.post('/staff/users/invitations', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = signedInStaff(request, reply);
    if (!actor) return reply;
    const lang = detectLang(request);
    const body = request.body as FormBody;
    const values = {
      email: first(body.email),
      displayName: first(body.displayName),
      municipalityCode: first(body.municipalityCode),
    };
    const roles = [body.roles ?? []].flat();
    const parsed = parseForm(staffInviteSchema, { ...values, roles }, lang);
    let errors: FieldMessage[] = parsed.ok ? [] : parsed.errors;
    if (parsed.ok) {
      try {
        const result = await inviteStaff({ services, actor, requestId: request.id }, parsed.data);
        const invitationUrl = `${services.config.baseUrl}/staff/invitations/${result.invitationToken}`;
        return renderUsers(request, reply, actor, { invitationUrl });
      } catch (error) {
        errors = appErrorMessages(error, lang);
      }
    }
    return renderUsers(request, reply, actor, { errors, values }, 400);
  });

  r.post(
    '/staff/users/:staffId',
    { schema: { hide: true, params: z.object({ staffId: z.uuid() }), body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const action = first(request.body.action);
      await updateStaffAccount(
        { services, actor, requestId: request.id },
        {
          staffId: request.params.staffId,
          ...(action === 'disable' ? { status: 'disabled' as const } : {}),
          ...(action === 'enable' ? { status: 'active' as const } : {}),
          ...(action === 'unlock' ? { unlock: true } : {}),
          ...(action === 'roles' ? { roles: [request.body.roles ?? []].flat().filter(isStaffRole) } : {}),
        },
      );
      return reply.redirect('/staff/users', 303);
    },
  );

  r.get(
    '/staff/invitations/:token',
    { schema: { hide: true, params: z.object({ token: z.string().min(20).max(100) }) } },
    async (request, reply) => {
      const staff = await findInvitation(services, request.params.token);
      const secret = newTotpSecret();
      const csrfToken = reply.generateCsrf();
      return sendPage(request, reply, (lang) =>
        acceptInvitationPage(lang, {
          csrfToken,
          token: request.params.token,
          email: staff.email,
          secret,
          uri: totpUri(secret, staff.email),
          errors: [],
        }),
      );
    },
  );

  r.post(
    '/staff/invitations/:token',
    { schema: { hide: true, params: z.object({ token: z.string().min(20).max(100) }), body: formBody }, ...csrf },
    async (request, reply) => {
      const lang = detectLang(request);
      const staff = await findInvitation(services, request.params.token);
      const secret = first(request.body.totpSecret) ?? '';
      const parsed = parseForm(
        z.object({ password: passwordSchema, code: totpCodeSchema, totpSecret: z.string().regex(/^[A-Z2-7]{16,64}$/) }),
        { password: first(request.body.password), code: first(request.body.code), totpSecret: secret },
        lang,
      );
      let errors: FieldMessage[] = parsed.ok ? [] : parsed.errors;
      if (parsed.ok) {
        try {
          await acceptInvitation(services, { token: request.params.token, ...parsed.data }, { requestId: request.id });
          return reply.redirect('/staff/sign-in?accepted=1', 303);
        } catch (error) {
          errors = appErrorMessages(error, lang);
        }
      }
      const csrfToken = reply.generateCsrf();
      return sendPage(
        request,
        reply,
        (l) =>
          acceptInvitationPage(l, {
            csrfToken,
            token: request.params.token,
            email: staff.email,
            secret,
            uri: totpUri(secret, staff.email),
            errors,
          }),
        400,
      );
    },
  );
}
