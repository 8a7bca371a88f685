import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { decide } from '../../../platform/access/authorize.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { detectLang } from '../../../platform/i18n/i18n.ts';
import type { AppServices } from '../../../platform/services.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { GIFT_DISPATCH_STATUSES } from '../gift/gift-dispatch-status.ts';
import type { FieldError } from '../pages/apply-pages.tsx';
import { giftDispatchPage } from '../pages/gift-dispatch-pages.tsx';
import { advanceGiftDispatches, type GiftOutcome } from '../use-cases/advance-gift-dispatches.ts';
import { GIFT_QUEUE_STATES, type GiftQueueState, listGiftDispatches } from '../use-cases/list-gift-dispatches.ts';
import { staffBenefitsActor, staffReaderActor } from '../use-cases/staff-access.ts';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined) =>
  (v === undefined ? [] : Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',')).filter(Boolean);
const municipalityOf = (v: string | undefined) => (v && /^\d{6}$/.test(v) ? v : undefined);

/**
 * /staff/benefits/gift-dispatch: the 赤ちゃんファースト cards of a municipality by dispatch state, and the bulk
 * move to the next state (the ticked cards, or every card of the municipality in that state). Reading: any benefits
 * staff; recording a dispatch: the treasury permission (benefit-payment.manage), checked in staff-access.
 */
export async function giftDispatchPageRoutes(
  app: FastifyInstance,
  services: AppServices,
  signedInStaff: (request: FastifyRequest, reply: FastifyReply) => Actor | undefined,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const csrf = { preHandler: app.csrfProtection };

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    view: { municipality?: string | undefined; state: GiftQueueState; outcomes?: GiftOutcome[]; errors?: FieldError[] },
    code = 200,
  ) => {
    const reader = await staffReaderActor(services, actor, {}, request.id);
    const list = await listGiftDispatches(services, {
      actor: reader,
      query: { municipalityCode: view.municipality, state: view.state },
      requestId: request.id,
    });
    const csrfToken = reply.generateCsrf();
    const canDispatch = decide(actor, 'benefit-payment.manage', {}).allowed;
    return sendPage(
      request,
      reply,
      (lang) =>
        giftDispatchPage(lang, {
          ...list,
          outcomes: view.outcomes,
          errors: view.errors,
          canDispatch,
          csrfToken,
        }),
      code,
    );
  };

  r.get(
    '/staff/benefits/gift-dispatch',
    {
      schema: {
        hide: true,
        querystring: z.object({ municipality: z.string().optional(), state: z.enum(GIFT_QUEUE_STATES).optional() }),
      },
    },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      return render(request, reply, actor, {
        municipality: municipalityOf(request.query.municipality),
        state: request.query.state ?? 'awaiting',
      });
    },
  );

  r.post(
    '/staff/benefits/gift-dispatch',
    { schema: { hide: true, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const lang = detectLang(request);
      const municipality = municipalityOf(one(request.body.municipality));
      const state = z.enum(GIFT_QUEUE_STATES).catch('awaiting').parse(one(request.body.state));
      const to = z.enum(GIFT_DISPATCH_STATUSES).safeParse(one(request.body.to));
      const all = one(request.body.scope) === 'all';
      const claimIds = many(request.body.claimId);
      const problem = (ja: string, en: string) =>
        render(
          request,
          reply,
          actor,
          { municipality, state, errors: [{ field: '', message: lang === 'ja' ? ja : en }] },
          400,
        );
      if (!municipality) return problem('区市町村コードを選んでください', 'Choose a municipality');
      if (!to.success) return problem('次の状態がありません', 'There is no next state');
      if (!all && claimIds.length === 0) return problem('カードを選んでください', 'Tick at least one card');
      const treasury = await staffBenefitsActor(services, actor, 'benefit-payment.manage', {}, request.id);
      try {
        const outcomes = await advanceGiftDispatches(services, {
          actor: treasury,
          municipalityCode: municipality,
          to: to.data,
          claimIds: all ? undefined : claimIds,
          requestId: request.id,
        });
        return render(request, reply, actor, { municipality, state, outcomes });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        return problem(error.detail.ja, error.detail.en);
      }
    },
  );
}
