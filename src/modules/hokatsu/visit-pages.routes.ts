import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { detectLang } from '../../platform/i18n/i18n.ts';
import type { AppServices } from '../../platform/services.ts';
import { sendPage } from '../../platform/web/render-page.ts';
import { renderNurseryDetail } from './nursery-detail.render.ts';
import { nurseryStaffPage, type StaffTourView } from './pages/nursery-staff-page.tsx';
import { locateVisitBooking } from './use-cases/family-visit-bookings.ts';
import {
  staffListAttendees,
  staffMarkAttendance,
  staffNurseryOverview,
  staffPublishTours,
} from './use-cases/nursery-staff-actions.ts';
import { parentBookVisit, parentCancelVisit, parentRescheduleVisit } from './use-cases/parent-visit-actions.ts';
import { publishToursSchema } from './visit-booking.routes.ts';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
type FormBody = z.infer<typeof formBody>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const uuid = z.uuid();

/** An AppError's text for the page, in the reader's language; anything else is a real fault and propagates. */
function errorText(error: unknown, request: FastifyRequest): string {
  if (!(error instanceof AppError)) throw error;
  const lang = detectLang(request);
  const fields = error.fieldErrors.map((f) => (lang === 'ja' ? f.messageJa : f.message));
  return [lang === 'ja' ? error.detail.ja : error.detail.en, ...fields].join(' ');
}

/** No-JS pages: a parent books, cancels and reschedules from the nursery page; nursery staff manage tours at /nursery. */
export async function visitPageRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const csrf = { preHandler: app.csrfProtection };

  const parent = (request: FastifyRequest, reply: FastifyReply, back: string): Actor | undefined => {
    if (request.actor.type === 'parent' && request.actor.householdId) return request.actor;
    void reply.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
    return undefined;
  };
  const pctx = (request: FastifyRequest, actor: Actor) => ({ services, actor, requestId: request.id });

  r.post(
    '/hokatsu/nurseries/:id/visits',
    { schema: { hide: true, params: z.object({ id: z.uuid() }), body: formBody }, ...csrf },
    async (request, reply) => {
      const back = `/hokatsu/nurseries/${request.params.id}`;
      const actor = parent(request, reply, back);
      if (!actor) return reply;
      const slotId = one(request.body.slotId) ?? '';
      const partySize = Number(one(request.body.partySize) ?? '1');
      try {
        if (!uuid.safeParse(slotId).success)
          throw new AppError('not-found', 404, { en: 'No such tour', ja: '該当する見学枠はありません' });
        await parentBookVisit(pctx(request, actor), { slotId, partySize });
      } catch (error) {
        const text = errorText(error, request);
        return renderNurseryDetail(request, reply, services, request.params.id, { error: text }, 409);
      }
      return reply.redirect(`${back}?done=booked`, 303);
    },
  );

  const bookingAction = (path: 'cancel' | 'reschedule') =>
    r.post(
      `/hokatsu/visits/:id/${path}`,
      { schema: { hide: true, params: z.object({ id: z.uuid() }), body: formBody }, ...csrf },
      async (request, reply) => {
        const located = await locateVisitBooking(services.db, request.params.id);
        const back = `/hokatsu/nurseries/${located.nurseryId}`;
        const actor = parent(request, reply, back);
        if (!actor) return reply;
        try {
          if (path === 'cancel') await parentCancelVisit(pctx(request, actor), { bookingId: request.params.id });
          else {
            const newSlotId = one(request.body.slotId) ?? '';
            if (!uuid.safeParse(newSlotId).success)
              throw new AppError('not-found', 404, { en: 'No such tour', ja: '該当する見学枠はありません' });
            await parentRescheduleVisit(pctx(request, actor), { bookingId: request.params.id, newSlotId });
          }
        } catch (error) {
          const text = errorText(error, request);
          return renderNurseryDetail(request, reply, services, located.nurseryId, { error: text }, 409);
        }
        return reply.redirect(`${back}?done=${path === 'cancel' ? 'cancelled' : 'moved'}`, 303);
      },
    );
  bookingAction('cancel');
  bookingAction('reschedule');

  // Nursery staff.
  const staff = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'nursery-staff') return request.actor;
    void reply.redirect('/staff/sign-in', 303);
    return undefined;
  };
  const renderStaff = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    extra: { flash?: 'published' | 'marked' | null; error?: string | null; values?: FormBody } = {},
    status = 200,
  ) => {
    const c = pctx(request, actor);
    const { nursery, tours } = await staffNurseryOverview(c);
    const now = services.now().getTime();
    const views: StaffTourView[] = [];
    for (const t of tours) {
      views.push({
        id: t.id,
        startsAt: t.startsAt,
        capacity: t.capacity,
        seatsTaken: t.seatsTaken,
        notes: t.notes,
        status: t.status,
        started: t.startsAt.getTime() <= now,
        // Reading attendees is audited per tour, so only tours with bookings are read.
        attendees: t.seatsTaken > 0 || t.startsAt.getTime() <= now ? await staffListAttendees(c, { slotId: t.id }) : [],
      });
    }
    return sendPage(
      request,
      reply,
      nurseryStaffPage({
        nursery,
        tours: views,
        csrfToken: reply.generateCsrf(),
        flash: extra.flash ?? null,
        error: extra.error ?? null,
        values: extra.values ?? {},
      }),
      status,
    );
  };

  r.get(
    '/nursery',
    { schema: { hide: true, querystring: z.object({ done: z.enum(['published', 'marked']).optional() }) } },
    async (request, reply) => {
      const actor = staff(request, reply);
      if (!actor) return reply;
      return renderStaff(request, reply, actor, { flash: request.query.done ?? null });
    },
  );

  r.post('/nursery/tours', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const b = request.body;
    const weekdays = [b.weekdays ?? []].flat().map(Number);
    const parsed = publishToursSchema.safeParse({
      from: one(b.from),
      until: one(b.until),
      weekdays,
      startTime: one(b.startTime),
      endTime: one(b.endTime),
      capacity: Number(one(b.capacity)),
      notes: one(b.notes) || null,
    });
    if (!parsed.success) {
      const error = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' / ');
      return renderStaff(request, reply, actor, { error, values: b }, 400);
    }
    const { capacity, notes, ...recurrence } = parsed.data;
    try {
      await staffPublishTours(pctx(request, actor), { recurrence, capacity, notes: notes ?? null });
    } catch (error) {
      return renderStaff(request, reply, actor, { error: errorText(error, request), values: b }, 400);
    }
    return reply.redirect('/nursery?done=published', 303);
  });

  r.post(
    '/nursery/bookings/:id/attendance',
    { schema: { hide: true, params: z.object({ id: z.uuid() }), body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = staff(request, reply);
      if (!actor) return reply;
      const status = one(request.body.status);
      try {
        if (status !== 'attended' && status !== 'no-show') {
          throw new AppError('invalid-status', 400, { en: 'Choose attended or no-show', ja: '出欠を選んでください' });
        }
        await staffMarkAttendance(pctx(request, actor), { bookingId: request.params.id, status });
      } catch (error) {
        return renderStaff(request, reply, actor, { error: errorText(error, request) }, 409);
      }
      return reply.redirect('/nursery?done=marked', 303);
    },
  );
}
