import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.ts';
import { detectLang } from '../../platform/i18n/i18n.ts';
import type { AppServices } from '../../platform/services.ts';
import { sendPage } from '../../platform/web/render-page.ts';
import { bookConsultation } from './consultations/book-consultation.ts';
import { cancelConsultation } from './consultations/cancel-consultation.ts';
import { listConsultationSlots } from './consultations/list-consultation-slots.ts';
import { listOwnConsultations } from './consultations/list-own-consultations.ts';
import { consultationPage } from './pages/consultation-page.tsx';

/** An AppError's text in the reader's language; anything else is a real fault and propagates. */
export function errorText(error: unknown, request: FastifyRequest): string {
  if (!(error instanceof AppError)) throw error;
  const ja = detectLang(request) === 'ja';
  return [ja ? error.detail.ja : error.detail.en, ...error.fieldErrors.map((f) => (ja ? f.messageJa : f.message))].join(
    ' ',
  );
}

export const statusOf = (error: unknown) => (error instanceof AppError && error.status === 400 ? 400 : 409);

/** The parents' no-JavaScript page: slots of a municipality, booking with a topic, own consultations, cancelling. */
export async function consultationPageRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const render = async (
    request: FastifyRequest,
    reply: Parameters<typeof sendPage>[1],
    municipality: string,
    extra: { flash?: 'booked' | 'cancelled' | null; error?: string | null } = {},
    status = 200,
  ) => {
    const actor = request.actor;
    const parent =
      actor.type === 'parent' && actor.householdId
        ? {
            csrfToken: reply.generateCsrf(),
            mine: await listOwnConsultations({ services, actor, requestId: request.id }),
          }
        : null;
    const slots = await listConsultationSlots(services.db, municipality, services.now());
    const page = consultationPage({
      municipality,
      slots,
      parent,
      flash: extra.flash ?? null,
      error: extra.error ?? null,
    });
    return sendPage(request, reply, page, status);
  };

  r.get(
    '/hokatsu/consultations',
    {
      schema: {
        hide: true,
        querystring: z.object({
          municipality: z.string().regex(/^\d{6}$/),
          done: z.enum(['booked', 'cancelled']).optional(),
        }),
      },
    },
    async (request, reply) => render(request, reply, request.query.municipality, { flash: request.query.done ?? null }),
  );

  r.post(
    '/hokatsu/consultations',
    {
      preHandler: app.csrfProtection,
      schema: {
        hide: true,
        body: z.object({
          // Kept through validation so that the CSRF check (a preHandler, after validation) can read it.
          _csrf: z.string().optional(),
          municipality: z.string().regex(/^\d{6}$/),
          slotId: z.string(),
          topic: z.string().max(200).default(''),
          questions: z.string().max(2000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { municipality } = request.body;
      if (request.actor.type !== 'parent') {
        return reply.redirect(
          `/sign-in?next=${encodeURIComponent(`/hokatsu/consultations?municipality=${municipality}`)}`,
          303,
        );
      }
      try {
        if (!z.uuid().safeParse(request.body.slotId).success) {
          throw new AppError('not-found', 404, { en: 'No such consultation slot', ja: '該当する相談枠はありません' });
        }
        await bookConsultation(
          { services, actor: request.actor, requestId: request.id },
          { slotId: request.body.slotId, topic: request.body.topic, questions: request.body.questions ?? null },
        );
      } catch (error) {
        return render(request, reply, municipality, { error: errorText(error, request) }, statusOf(error));
      }
      return reply.redirect(`/hokatsu/consultations?municipality=${municipality}&done=booked`, 303);
    },
  );

  r.post(
    '/hokatsu/consultations/bookings/:id/cancel',
    {
      preHandler: app.csrfProtection,
      schema: {
        hide: true,
        params: z.object({ id: z.uuid() }),
        body: z.object({ _csrf: z.string().optional(), municipality: z.string().regex(/^\d{6}$/) }),
      },
    },
    async (request, reply) => {
      const { municipality } = request.body;
      const back = `/hokatsu/consultations?municipality=${municipality}`;
      if (request.actor.type !== 'parent') return reply.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
      try {
        await cancelConsultation(
          { services, actor: request.actor, requestId: request.id },
          { bookingId: request.params.id },
        );
      } catch (error) {
        return render(request, reply, municipality, { error: errorText(error, request) }, statusOf(error));
      }
      return reply.redirect(`${back}&done=cancelled`, 303);
    },
  );
}
