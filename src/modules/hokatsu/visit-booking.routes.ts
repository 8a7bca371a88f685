import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import type { AppServices } from '../../platform/services.ts';
import { requireSignedIn } from '../identity/index.ts';
import { staffListAttendees, staffMarkAttendance, staffPublishTours } from './use-cases/nursery-staff-actions.ts';
import {
  parentBookVisit,
  parentCancelVisit,
  parentListVisits,
  parentRescheduleVisit,
} from './use-cases/parent-visit-actions.ts';

const id = z.object({ id: z.uuid() });
const bookingView = z.object({
  bookingId: z.string(),
  slotId: z.string(),
  nurseryId: z.string(),
  nurseryName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  partySize: z.number().int(),
  status: z.string(),
});
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM');

export const publishToursSchema = z.object({
  from: date,
  until: date,
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  startTime: time,
  endTime: time,
  capacity: z.number().int().min(1).max(200),
  notes: z.string().max(500).nullish(),
});

/** JSON API for visit bookings (parents) and tours (nursery staff); the pages use the same use cases. */
export async function visitBookingRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => ({ services, actor: requireSignedIn(request), requestId: request.id });

  r.get(
    '/api/v1/me/visit-bookings',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'The signed-in parent’s household’s upcoming visit bookings',
        response: { 200: z.object({ items: z.array(bookingView) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await parentListVisits(ctx(request)) }),
  );

  r.post(
    '/api/v1/visit-bookings',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'Book a visit tour for the household (capacity, one booking per tour, a limit per nursery, cut-off)',
        body: z.object({ slotId: z.uuid(), partySize: z.number().int().min(1).max(4).optional() }),
        response: {
          201: z.object({ bookingId: z.string(), seatsLeft: z.number().int() }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => reply.status(201).send(await parentBookVisit(ctx(request), request.body)),
  );

  r.post(
    '/api/v1/visit-bookings/:id/cancel',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'Cancel a visit booking before the cut-off; the seats go back to the tour',
        params: id,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await parentCancelVisit(ctx(request), { bookingId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/visit-bookings/:id/reschedule',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'Move a visit booking to another tour in one step (nothing changes if the new tour is full)',
        params: id,
        body: z.object({ slotId: z.uuid() }),
        response: { 200: z.object({ bookingId: z.string() }), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      parentRescheduleVisit(ctx(request), { bookingId: request.params.id, newSlotId: request.body.slotId }),
  );

  r.post(
    '/api/v1/nursery/visit-slots',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'Nursery staff publish tours for their nursery from a weekly recurrence (holidays skipped)',
        body: publishToursSchema,
        response: {
          201: z.object({ items: z.array(z.object({ id: z.string(), startsAt: z.string() })) }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { capacity, notes, ...recurrence } = request.body;
      const rows = await staffPublishTours(ctx(request), { recurrence, capacity, notes: notes ?? null });
      return reply.status(201).send({ items: rows.map((x) => ({ id: x.id, startsAt: x.startsAt.toISOString() })) });
    },
  );

  r.get(
    '/api/v1/visit-slots/:id/attendees',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'Nursery staff: who booked a tour of their nursery (audited)',
        params: id,
        response: {
          200: z.object({
            items: z.array(
              z.object({ bookingId: z.string(), familyRef: z.string(), partySize: z.number(), status: z.string() }),
            ),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await staffListAttendees(ctx(request), { slotId: request.params.id }) }),
  );

  r.post(
    '/api/v1/visit-bookings/:id/attendance',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'Nursery staff mark a booking attended or no-show once the tour has started',
        params: id,
        body: z.object({ status: z.enum(['attended', 'no-show']) }),
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await staffMarkAttendance(ctx(request), { bookingId: request.params.id, status: request.body.status });
      return reply.status(204).send(null);
    },
  );
}
