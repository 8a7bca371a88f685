import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { detectLang } from '../../../platform/i18n/i18n.ts';
import type { AppServices } from '../../../platform/services.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { getPublicReceiptAccount, type SignatureService } from '../../identity/index.ts';
import { confirmBirth, listPendingBirths } from '../births/confirm-birth.ts';
import { applyPage, checkPage, type FieldError, type FormValues } from '../pages/apply-pages.tsx';
import { claimsPage } from '../pages/claims-pages.tsx';
import { applyForHousehold } from '../use-cases/apply-for-household.ts';
import { previewHouseholdBenefits } from '../use-cases/household-benefits.ts';
import { listGiftDispatchStatuses } from '../use-cases/list-gift-dispatch-statuses.ts';
import { parseAccount } from './account-form.ts';
import { claimChangePageRoutes } from './claim-change-pages.routes.ts';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const formValues = (body: Record<string, string | string[]>): FormValues =>
  Object.fromEntries(Object.entries(body).map(([k, v]) => [k, one(v)]));

const idempotencyKeySchema = z.string().regex(/^[0-9a-f-]{36}$/);

/**
 * The parent's benefit pages: /benefits (what is due, the household, the account) → /benefits/confirm (check and
 * sign) → /benefits/claims (received; status and next step per claim) → /benefits/claims/:id (timeline).
 * Plain forms with CSRF tokens; nothing is stored until the signed submission.
 */
export async function benefitsParentPageRoutes(
  app: FastifyInstance,
  services: AppServices,
  signatures: SignatureService,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const csrf = { preHandler: app.csrfProtection };
  const signedInParent = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'parent' && request.actor.householdId) return request.actor;
    void reply.redirect(`/sign-in?next=${encodeURIComponent(request.url.split('?')[0] ?? '/benefits')}`, 303);
    return undefined;
  };
  const ctx = (request: FastifyRequest, actor: Actor) => ({ services, actor, requestId: request.id });

  const renderApply = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    form: { values: FormValues; errors: FieldError[]; flash?: 'birth-confirmed' | undefined },
    status = 200,
  ) => {
    const [preview, births, publicAccount] = await Promise.all([
      previewHouseholdBenefits(ctx(request, actor)),
      listPendingBirths(ctx(request, actor)),
      getPublicReceiptAccount(ctx(request, actor)),
    ]);
    const selection = preview.children.flatMap((c) =>
      c.benefits
        .filter((b) => b.code !== 'jidou-teate' && b.eligible && !b.claim)
        .map((b) => `${c.child.id}:${b.code}`),
    );
    const key = idempotencyKeySchema.safeParse(form.values.idempotencyKey);
    const csrfToken = reply.generateCsrf();
    return sendPage(
      request,
      reply,
      (lang) =>
        applyPage(lang, {
          ...preview,
          births,
          publicAccount,
          selection,
          csrfToken,
          idempotencyKey: key.success ? key.data : randomUUID(),
          ...form,
        }),
      status,
    );
  };

  r.get(
    '/benefits',
    { schema: { hide: true, querystring: z.object({ done: z.literal('birth-confirmed').optional() }) } },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      return renderApply(request, reply, actor, { values: {}, errors: [], flash: request.query.done });
    },
  );

  // One tap: the reported child joins the household; the apply page then has the child's claims ready.
  r.post(
    '/benefits/births/:birthReportId/confirm',
    { schema: { hide: true, params: z.object({ birthReportId: z.uuid() }), body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      await confirmBirth(ctx(request, actor), { birthReportId: request.params.birthReportId });
      return reply.redirect('/benefits?done=birth-confirmed', 303);
    },
  );

  r.post('/benefits/confirm', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = signedInParent(request, reply);
    if (!actor) return reply;
    const lang = detectLang(request);
    const values = formValues(request.body);
    const { account, errors } = await parseAccount(values, lang, () => getPublicReceiptAccount(ctx(request, actor)));
    if (values.householdConfirmed !== 'yes') {
      errors.unshift({ field: 'householdConfirmed', message: lang === 'ja' ? '世帯の情報の確認' : 'Household check' });
    }
    if (!account || errors.length > 0) return renderApply(request, reply, actor, { values, errors }, 400);
    const preview = await previewHouseholdBenefits(ctx(request, actor));
    const selection = new Set((values.selection ?? '').split(','));
    const children = preview.children
      .map((c) => ({
        name: c.child.name,
        benefits: c.benefits
          .filter((b) => b.eligible && selection.has(`${c.child.id}:${b.code}`))
          .map((b) => ({ code: b.code, amount: b.amount, months: b.months.length })),
      }))
      .filter((c) => c.benefits.length > 0);
    const csrfToken = reply.generateCsrf();
    return sendPage(request, reply, (l) => checkPage(l, { children, values, account, csrfToken }));
  });

  r.post('/benefits/apply', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = signedInParent(request, reply);
    if (!actor) return reply;
    const lang = detectLang(request);
    const values = formValues(request.body);
    const { account, errors } = await parseAccount(values, lang, () => getPublicReceiptAccount(ctx(request, actor)));
    const key = idempotencyKeySchema.safeParse(values.idempotencyKey);
    if (!account || !key.success) {
      return renderApply(request, reply, actor, { values, errors: errors.length ? errors : [] }, 400);
    }
    try {
      const result = await applyForHousehold(ctx(request, actor), signatures, {
        idempotencyKey: key.data,
        bankAccount: account,
        selection: (values.selection ?? '').split(',').filter(Boolean),
      });
      const opened = result.claims.some((c) => c.opened) && !result.replayed;
      return reply.redirect(`/benefits/claims?done=${opened ? 'applied' : 'replayed'}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const message = lang === 'ja' ? error.detail.ja : error.detail.en;
      return renderApply(request, reply, actor, { values, errors: [{ field: '', message }] }, error.status);
    }
  });

  r.get(
    '/benefits/claims',
    { schema: { hide: true, querystring: z.object({ done: z.enum(['applied', 'replayed']).optional() }) } },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      const preview = await previewHouseholdBenefits(ctx(request, actor));
      const names = new Map(preview.household.children.map((c) => [c.id, c.name]));
      const gifts = await listGiftDispatchStatuses(services, {
        actor: { kind: 'parent', parentId: actor.id!, householdId: actor.householdId! },
        claimIds: preview.claims.map((c) => c.id),
      });
      const claims = preview.claims.map((c) => {
        const gift = gifts.get(c.id);
        return {
          ...c,
          childName: names.get(c.childId) ?? '',
          ...(gift ? { nextStep: gift.nextStep, giftLabel: gift.label } : {}),
        };
      });
      return sendPage(request, reply, (lang) => claimsPage(lang, { claims, flash: request.query.done }));
    },
  );

  await claimChangePageRoutes(app, services, { signedInParent, ctx });
}
