import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { detectLang } from '../../../platform/i18n/i18n.ts';
import type { AppServices } from '../../../platform/services.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { getPublicReceiptAccount } from '../../identity/index.ts';
import type { BenefitsActor } from '../benefits-actor.ts';
import { findTransition } from '../claim-status.ts';
import type { FieldError, FormValues } from '../pages/apply-pages.tsx';
import { resubmitPage, withdrawPage } from '../pages/claim-change-pages.tsx';
import { timelinePage } from '../pages/claims-pages.tsx';
import { changeClaimStatus } from '../use-cases/change-claim-status.ts';
import { getClaimTimeline } from '../use-cases/get-claim-timeline.ts';
import { getGiftDispatchTimeline } from '../use-cases/get-gift-dispatch-timeline.ts';
import { previewHouseholdBenefits } from '../use-cases/household-benefits.ts';
import { loadResubmission, resubmitClaim } from '../use-cases/resubmit-claim.ts';
import { parseAccount } from './account-form.ts';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const formValues = (body: Record<string, string | string[]>): FormValues =>
  Object.fromEntries(Object.entries(body).map(([k, v]) => [k, one(v)]));
const claimParams = z.object({ claimId: z.uuid() });

interface ParentHelpers {
  signedInParent: (request: FastifyRequest, reply: FastifyReply) => Actor | undefined;
  ctx: (request: FastifyRequest, actor: Actor) => { services: AppServices; actor: Actor; requestId: string };
}

/**
 * One claim as the parent sees it (/benefits/claims/:id: the timeline, with the 赤ちゃんファースト card's steps) and
 * the parent's two moves on it, each on its own page: answering a fix request (…/resubmit: the staff's reason, the
 * corrected account, a note) and withdrawing a claim not yet decided (…/withdraw: asks once more). Both go through
 * the claim machine (history → timeline, audit, claim.status-changed → notify). Plain forms with CSRF tokens.
 */
export async function claimChangePageRoutes(app: FastifyInstance, services: AppServices, helpers: ParentHelpers) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const csrf = { preHandler: app.csrfProtection };
  const { signedInParent, ctx } = helpers;
  const claimActor = (actor: Actor): BenefitsActor => ({
    kind: 'parent',
    parentId: actor.id!,
    householdId: actor.householdId!,
  });
  const childNameOf = async (request: FastifyRequest, actor: Actor, childId: string) => {
    const preview = await previewHouseholdBenefits(ctx(request, actor));
    return preview.household.children.find((c) => c.id === childId)?.name ?? '';
  };
  const mayMove = (status: Parameters<typeof findTransition>[0], to: 'resubmitted' | 'withdrawn') =>
    findTransition(status, to)?.by.includes('parent') ?? false;

  r.get(
    '/benefits/claims/:claimId',
    {
      schema: {
        hide: true,
        params: claimParams,
        querystring: z.object({ done: z.enum(['resubmitted', 'withdrawn']).optional() }),
      },
    },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      const input = { actor: claimActor(actor), claimId: request.params.claimId, requestId: request.id };
      const view = await getClaimTimeline(services, input);
      const gift = await getGiftDispatchTimeline(services, input);
      const timeline = [
        ...view.timeline.map((s) => ({ ...s, kind: 'claim' as const })),
        ...(gift?.timeline ?? []).map((s) => ({ ...s, kind: 'gift' as const })),
      ].sort((a, b) => a.at.localeCompare(b.at));
      const childName = await childNameOf(request, actor, view.childId);
      const actions = (['resubmitted', 'withdrawn'] as const).filter((to) => mayMove(view.claim.status, to));
      return sendPage(request, reply, (lang) =>
        timelinePage(lang, {
          ...view,
          timeline,
          nextStep: gift?.nextStep ?? view.nextStep,
          childName,
          actions,
          claimId: view.claim.id,
          flash: request.query.done,
        }),
      );
    },
  );

  const renderResubmit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    claimId: string,
    form: { values: FormValues; errors: FieldError[] },
    status = 200,
  ) => {
    const view = await loadResubmission(services, {
      actor: claimActor(actor),
      claimId,
      requestId: request.id,
    });
    if (!mayMove(view.claim.status, 'resubmitted')) return reply.redirect(`/benefits/claims/${view.claim.id}`, 303);
    const [childName, publicAccount] = await Promise.all([
      childNameOf(request, actor, view.childId),
      getPublicReceiptAccount(ctx(request, actor)),
    ]);
    const csrfToken = reply.generateCsrf();
    return sendPage(
      request,
      reply,
      (lang) => resubmitPage(lang, { ...view, ...form, childName, claimId: view.claim.id, publicAccount, csrfToken }),
      status,
    );
  };

  r.get(
    '/benefits/claims/:claimId/resubmit',
    { schema: { hide: true, params: claimParams } },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      return renderResubmit(request, reply, actor, request.params.claimId, { values: {}, errors: [] });
    },
  );

  r.post(
    '/benefits/claims/:claimId/resubmit',
    { schema: { hide: true, params: claimParams, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      const lang = detectLang(request);
      const values = formValues(request.body);
      const choice = values.accountChoice ?? 'keep';
      let account = null;
      if (choice === 'public-receipt' || choice === 'manual') {
        // The 公金受取口座 is looked up again here, never taken from posted fields (as on the application).
        const parsed = await parseAccount({ ...values, source: choice }, lang, () =>
          getPublicReceiptAccount(ctx(request, actor)),
        );
        if (!parsed.account)
          return renderResubmit(request, reply, actor, request.params.claimId, { values, errors: parsed.errors }, 400);
        account = parsed.account;
      }
      try {
        await resubmitClaim(services, {
          actor: claimActor(actor),
          claimId: request.params.claimId,
          account,
          note: values.note ?? null,
          requestId: request.id,
        });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        const errors = error.fieldErrors.map((f) => ({
          field: f.field.replace(/^body\./, ''),
          message: lang === 'ja' ? f.messageJa : f.message,
        }));
        return renderResubmit(request, reply, actor, request.params.claimId, { values, errors }, 400);
      }
      return reply.redirect(`/benefits/claims/${request.params.claimId}?done=resubmitted`, 303);
    },
  );

  const renderWithdraw = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    claimId: string,
    errors: FieldError[],
    status = 200,
  ) => {
    const view = await getClaimTimeline(services, {
      actor: claimActor(actor),
      claimId,
      requestId: request.id,
    });
    if (!mayMove(view.claim.status, 'withdrawn')) return reply.redirect(`/benefits/claims/${view.claim.id}`, 303);
    const childName = await childNameOf(request, actor, view.childId);
    const csrfToken = reply.generateCsrf();
    return sendPage(
      request,
      reply,
      (lang) => withdrawPage(lang, { ...view, childName, claimId: view.claim.id, errors, csrfToken }),
      status,
    );
  };

  r.get(
    '/benefits/claims/:claimId/withdraw',
    { schema: { hide: true, params: claimParams } },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      return renderWithdraw(request, reply, actor, request.params.claimId, []);
    },
  );

  r.post(
    '/benefits/claims/:claimId/withdraw',
    { schema: { hide: true, params: claimParams, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      if (one(request.body.confirm) !== 'yes') {
        const lang = detectLang(request);
        const message = lang === 'ja' ? '取り下げる場合はチェックを入れてください' : 'Tick the box to withdraw';
        return renderWithdraw(request, reply, actor, request.params.claimId, [{ field: 'confirm', message }], 400);
      }
      // The transition table refuses a decided claim (支給決定 and after): 409 with the statuses named.
      await changeClaimStatus(services, {
        actor: claimActor(actor),
        claimId: request.params.claimId,
        to: 'withdrawn',
        requestId: request.id,
      });
      return reply.redirect(`/benefits/claims/${request.params.claimId}?done=withdrawn`, 303);
    },
  );
}
