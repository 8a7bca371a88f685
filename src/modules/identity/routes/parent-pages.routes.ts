import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { detectLang } from '../../../platform/i18n/i18n.ts';
import type { AppServices } from '../../../platform/services.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { consentInputSchema } from '../consent.schemas.ts';
import { childInputSchema, childPatchSchema, moveInputSchema, pregnancyInputSchema } from '../identity.schemas.ts';
import { accessLogPage, consentsPage } from '../pages/consents-page.tsx';
import { appErrorMessages, type FieldMessage, type FormBody, first, parseForm } from '../pages/form-helpers.tsx';
import { editChildPage, householdPage } from '../pages/household-page.tsx';
import { changeResidence } from '../use-cases/change-residence.ts';
import { getHousehold } from '../use-cases/get-household.ts';
import { listAccessLog } from '../use-cases/list-access-log.ts';
import { grantConsent, listConsents, listConsentTargets, revokeConsent } from '../use-cases/manage-consents.ts';
import { registerChild } from '../use-cases/register-child.ts';
import { registerPregnancy } from '../use-cases/register-pregnancy.ts';
import { updateChild } from '../use-cases/update-child.ts';
import { updatePregnancy } from '../use-cases/update-pregnancy.ts';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const values = (body: FormBody) =>
  Object.fromEntries(
    Object.entries(body)
      .filter(([k]) => k !== '_csrf' && k !== 'action')
      .map(([k, v]) => [k, first(v)]),
  );

/** The parent's pages: household, consents, access log. Forms post back with CSRF tokens; errors re-render. */
export async function parentPageRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const signedInParent = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'parent' && request.actor.householdId) return request.actor;
    void reply.redirect(`/sign-in?next=${encodeURIComponent(request.url.split('?')[0] ?? '/household')}`, 303);
    return undefined;
  };
  const ctx = (request: FastifyRequest, actor: Actor) => ({ services, actor, requestId: request.id });
  const csrf = { preHandler: app.csrfProtection };

  const renderHousehold = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    extra: {
      flash?: 'added' | 'saved';
      childForm?: { values: Record<string, string | undefined>; errors: FieldMessage[] };
      pregnancyForm?: { values: Record<string, string | undefined>; errors: FieldMessage[] };
      moveForm?: { values: Record<string, string | undefined>; errors: FieldMessage[] };
    } = {},
    status = 200,
  ) => {
    const household = await getHousehold(ctx(request, actor), { householdId: actor.householdId! });
    const csrfToken = reply.generateCsrf();
    return sendPage(request, reply, (lang) => householdPage(lang, { household, csrfToken, ...extra }), status);
  };

  r.get(
    '/household',
    { schema: { hide: true, querystring: z.object({ done: z.enum(['added', 'saved']).optional() }) } },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      return renderHousehold(request, reply, actor, request.query.done ? { flash: request.query.done } : {});
    },
  );

  r.post('/household/children', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = signedInParent(request, reply);
    if (!actor) return reply;
    const lang = detectLang(request);
    const input = values(request.body);
    const parsed = parseForm(childInputSchema, input, lang);
    if (!parsed.ok)
      return renderHousehold(request, reply, actor, { childForm: { values: input, errors: parsed.errors } }, 400);
    try {
      await registerChild(ctx(request, actor), parsed.data);
    } catch (error) {
      const errors = appErrorMessages(error, lang);
      return renderHousehold(request, reply, actor, { childForm: { values: input, errors } }, 400);
    }
    return reply.redirect('/household?done=added', 303);
  });

  r.get(
    '/household/children/:childId/edit',
    { schema: { hide: true, params: z.object({ childId: z.uuid() }) } },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      const household = await getHousehold(ctx(request, actor), { householdId: actor.householdId! });
      const child = household.children.find((c) => c.id === request.params.childId);
      if (!child) return reply.callNotFound();
      const csrfToken = reply.generateCsrf();
      return sendPage(request, reply, (lang) => editChildPage(lang, { child, csrfToken, errors: [] }));
    },
  );

  r.post(
    '/household/children/:childId/edit',
    { schema: { hide: true, params: z.object({ childId: z.uuid() }), body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      const lang = detectLang(request);
      const input = values(request.body);
      const parsed = parseForm(childPatchSchema, input, lang);
      let errors: FieldMessage[] = parsed.ok ? [] : parsed.errors;
      if (parsed.ok) {
        try {
          await updateChild(ctx(request, actor), { childId: request.params.childId, changes: parsed.data });
          return reply.redirect('/household?done=saved', 303);
        } catch (error) {
          errors = appErrorMessages(error, lang);
        }
      }
      const household = await getHousehold(ctx(request, actor), { householdId: actor.householdId! });
      const child = household.children.find((c) => c.id === request.params.childId);
      if (!child) return reply.callNotFound();
      const csrfToken = reply.generateCsrf();
      return sendPage(request, reply, (l) => editChildPage(l, { child, csrfToken, values: input, errors }), 400);
    },
  );

  r.post('/household/pregnancies', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = signedInParent(request, reply);
    if (!actor) return reply;
    const lang = detectLang(request);
    const input = values(request.body);
    const parsed = parseForm(pregnancyInputSchema, input, lang);
    if (!parsed.ok) {
      return renderHousehold(request, reply, actor, { pregnancyForm: { values: input, errors: parsed.errors } }, 400);
    }
    try {
      await registerPregnancy(ctx(request, actor), parsed.data);
    } catch (error) {
      const errors = appErrorMessages(error, lang);
      return renderHousehold(request, reply, actor, { pregnancyForm: { values: input, errors } }, 400);
    }
    return reply.redirect('/household?done=added', 303);
  });

  r.post('/household/moves', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = signedInParent(request, reply);
    if (!actor) return reply;
    const lang = detectLang(request);
    const input = values(request.body);
    const parsed = parseForm(moveInputSchema, input, lang);
    if (!parsed.ok)
      return renderHousehold(request, reply, actor, { moveForm: { values: input, errors: parsed.errors } }, 400);
    try {
      await changeResidence(ctx(request, actor), parsed.data);
    } catch (error) {
      const errors = appErrorMessages(error, lang);
      return renderHousehold(request, reply, actor, { moveForm: { values: input, errors } }, 400);
    }
    return reply.redirect('/household?done=saved', 303);
  });

  r.post(
    '/household/pregnancies/:pregnancyId',
    {
      schema: {
        hide: true,
        params: z.object({ pregnancyId: z.uuid() }),
        body: z.object({ _csrf: z.string().optional(), status: z.enum(['delivered', 'ended']) }),
      },
      ...csrf,
    },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      await updatePregnancy(ctx(request, actor), {
        pregnancyId: request.params.pregnancyId,
        status: request.body.status,
      });
      return reply.redirect('/household?done=saved', 303);
    },
  );

  const renderConsents = async (request: FastifyRequest, reply: FastifyReply, actor: Actor) => {
    const [consents, targets] = [await listConsents(ctx(request, actor)), await listConsentTargets(services.db)];
    const csrfToken = reply.generateCsrf();
    return sendPage(request, reply, (lang) => consentsPage(lang, { consents, targets, csrfToken }));
  };

  r.get('/consents', { schema: { hide: true } }, async (request, reply) => {
    const actor = signedInParent(request, reply);
    if (!actor) return reply;
    return renderConsents(request, reply, actor);
  });

  r.post('/consents', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = signedInParent(request, reply);
    if (!actor) return reply;
    const body = request.body;
    if (first(body.action) === 'revoke') {
      const consentId = z.uuid().safeParse(first(body.consentId));
      if (consentId.success) await revokeConsent(ctx(request, actor), { consentId: consentId.data });
    } else {
      const parsed = consentInputSchema.safeParse({ kind: first(body.kind), target: first(body.target) });
      if (parsed.success) await grantConsent(ctx(request, actor), parsed.data);
    }
    return reply.redirect('/consents', 303);
  });

  r.get('/access-log', { schema: { hide: true } }, async (request, reply) => {
    const actor = signedInParent(request, reply);
    if (!actor) return reply;
    const entries = await listAccessLog(ctx(request, actor));
    const csrfToken = reply.generateCsrf();
    return sendPage(request, reply, (lang) => accessLogPage(lang, { entries, csrfToken }));
  });
}
