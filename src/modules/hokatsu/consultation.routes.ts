import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import type { AppServices } from '../../platform/services.ts';
import { requireSignedIn } from '../identity/index.ts';
import { bookConsultation } from './consultations/book-consultation.ts';
import { cancelConsultation } from './consultations/cancel-consultation.ts';
import {
  CONSULTATION_OUTCOMES,
  listConsultationBookings,
  recordConsultationOutcome,
} from './consultations/counsellor-consultations.ts';
import { listConsultationSlots } from './consultations/list-consultation-slots.ts';
import { publishConsultationSlots } from './consultations/publish-consultation-slot.ts';

const tags = ['hokatsu'];

export const consultationRecurrenceSchema = z.object({
  from: z.iso.date(),
  until: z.iso.date(),
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});

/** Online consultations (保活相談) with municipal counsellors: the JSON API (pages are in consultation-pages.routes.ts). */
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
        summary:
          'A counsellor publishes one online consultation slot (startsAt) or a weekly series that skips holidays (recurrence)',
        body: z
          .object({
            startsAt: z.iso.datetime({ offset: true }).optional(),
            recurrence: consultationRecurrenceSchema.optional(),
            durationMinutes: z.number().int().min(10).max(120),
            meetingUrl: z.string().max(500),
            capacity: z.number().int().min(1).max(10).optional(),
          })
          .refine((b) => (b.startsAt === undefined) !== (b.recurrence === undefined), {
            message: 'Give either startsAt or recurrence',
            path: ['startsAt'],
          }),
        response: {
          201: z.object({
            id: z.string().nullable(),
            slots: z.array(z.object({ id: z.string(), startsAt: z.string() })),
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { startsAt, recurrence, ...rest } = request.body;
      const rows = await publishConsultationSlots(ctx(request), {
        ...rest,
        when: recurrence ? { recurrence } : { startsAt: new Date(startsAt!) },
      });
      return reply.status(201).send({
        id: rows[0]?.id ?? null,
        slots: rows.map((x) => ({ id: x.id, startsAt: x.startsAt.toISOString() })),
      });
    },
  );

  r.post(
    '/api/v1/staff/consultation-bookings/:id/outcome',
    {
      schema: {
        tags,
        summary: 'The counsellor records a consultation as held or no-show (once it has started)',
        params: z.object({ id: z.uuid() }),
        body: z.object({ outcome: z.enum(CONSULTATION_OUTCOMES) }),
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await recordConsultationOutcome(ctx(request), { bookingId: request.params.id, outcome: request.body.outcome });
      return reply.status(204).send(null);
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
}
