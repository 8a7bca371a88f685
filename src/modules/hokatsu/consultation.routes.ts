import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.ts';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import { detectLang } from '../../platform/i18n/i18n.ts';
import type { AppServices } from '../../platform/services.ts';
import { sendPage } from '../../platform/web/render-page.ts';
import { requireSignedIn } from '../identity/index.ts';
import {
  bookConsultation,
  cancelConsultation,
  listConsultationSlots,
  listOwnConsultations,
} from './consultations/book-consultation.ts';
import { listConsultationBookings } from './consultations/consultation-bookings-for-staff.ts';
import { publishConsultationSlot } from './consultations/publish-consultation-slot.ts';
import { consultationPage } from './pages/consultation-page.tsx';

const tags = ['hokatsu'];

/** Online consultations (保活相談) with municipal counsellors: API, and a no-JS page for parents. */
export async function consultationRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => ({ services, actor: requireSignedIn(request), requestId: request.id });

  r.get(
    '/api/v1/consultation-slots',
    {
      schema: {
        tags,
        summary: 'Upcoming online consultation slots of a municipality with seats left (no sign-in; no meeting link)',
        querystring: z.object({ municipality: z.string().regex(/^\d{6}$/) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                startsAt: z.string(),
                durationMinutes: z.number(),
                capacity: z.number(),
                seatsLeft: z.number(),
              }),
            ),
          }),
          ...problemResponses(400),
        },
      },
    },
    async (request) => ({
      items: await listConsultationSlots(services.db, request.query.municipality, services.now()),
    }),
  );

  r.post(
    '/api/v1/staff/consultation-slots',
    {
      schema: {
        tags,
        summary: 'A counsellor publishes an online consultation slot (duration, video-meeting link, capacity)',
        body: z.object({
          startsAt: z.iso.datetime({ offset: true }),
          durationMinutes: z.number().int().min(10).max(120),
          meetingUrl: z.string().max(500),
          capacity: z.number().int().min(1).max(10).optional(),
        }),
        response: { 201: z.object({ id: z.string() }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { startsAt, ...rest } = request.body;
      return reply
        .status(201)
        .send(await publishConsultationSlot(ctx(request), { ...rest, startsAt: new Date(startsAt) }));
    },
  );

  r.get(
    '/api/v1/staff/consultation-slots/:id/bookings',
    {
      schema: {
        tags,
        summary: 'Who booked a consultation slot, with topics and questions (audited)',
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                bookingId: z.string(),
                householdId: z.string(),
                topic: z.string(),
                questions: z.string().nullable(),
                status: z.string(),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await listConsultationBookings(ctx(request), { slotId: request.params.id }) }),
  );

  r.post(
    '/api/v1/consultation-bookings',
    {
      schema: {
        tags,
        summary: 'Book an online consultation for the household, with a topic and questions',
        body: z.object({ slotId: z.uuid(), topic: z.string().max(200), questions: z.string().max(2000).nullish() }),
        response: {
          201: z.object({ bookingId: z.string(), meetingUrl: z.string(), startsAt: z.string() }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => reply.status(201).send(await bookConsultation(ctx(request), request.body)),
  );

  r.post(
    '/api/v1/consultation-bookings/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a consultation booking before the cut-off',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await cancelConsultation(ctx(request), { bookingId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  const render = async (
    request: FastifyRequest,
    reply: Parameters<typeof sendPage>[1],
    municipality: string,
    extra: { booked?: boolean; error?: string | null } = {},
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
      booked: extra.booked ?? false,
      error: extra.error ?? null,
    });
    return sendPage(request, reply, page, status);
  };

  r.get(
    '/hokatsu/consultations',
    {
      schema: {
        hide: true,
        querystring: z.object({ municipality: z.string().regex(/^\d{6}$/), done: z.literal('booked').optional() }),
      },
    },
    async (request, reply) =>
      render(request, reply, request.query.municipality, { booked: request.query.done === 'booked' }),
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
        if (!(error instanceof AppError)) throw error;
        const ja = detectLang(request) === 'ja';
        const text = [
          ja ? error.detail.ja : error.detail.en,
          ...error.fieldErrors.map((f) => (ja ? f.messageJa : f.message)),
        ].join(' ');
        return render(request, reply, municipality, { error: text }, error.status === 400 ? 400 : 409);
      }
      return reply.redirect(`/hokatsu/consultations?municipality=${municipality}&done=booked`, 303);
    },
  );
}
