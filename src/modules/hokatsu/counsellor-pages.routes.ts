import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import { isTokyoWide } from '../../platform/access/authorize.ts';
import { badRequest } from '../../platform/http/app-error.ts';
import type { AppServices } from '../../platform/services.ts';
import { sendPage } from '../../platform/web/render-page.ts';
import { consultationRecurrenceSchema } from './consultation.routes.ts';
import { errorText, statusOf } from './consultation-pages.routes.ts';
import { listCounsellorSlots, recordConsultationOutcome } from './consultations/counsellor-consultations.ts';
import { type ConsultationSlotInput, publishConsultationSlots } from './consultations/publish-consultation-slot.ts';
import { counsellorPage } from './pages/counsellor-page.tsx';
import { TOKYO } from './visits/visit-slot-dates.ts';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
type FormBody = z.infer<typeof formBody>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The form's fields as the use case's input: an empty "until" means one slot on the date, otherwise a weekly series. */
function slotInputFromForm(b: FormBody): ConsultationSlotInput {
  const from = one(b.from) ?? '';
  const until = one(b.until) || '';
  const startTime = one(b.startTime) ?? '';
  const base = {
    durationMinutes: Number(one(b.durationMinutes)),
    meetingUrl: one(b.meetingUrl) ?? '',
    capacity: Number(one(b.capacity) || '1'),
  };
  const parsed = consultationRecurrenceSchema.safeParse({
    from,
    until: until || from,
    weekdays: [b.weekdays ?? []].flat().map(Number),
    startTime,
  });
  if (!parsed.success && !(until === '' && parsed.error.issues.every((i) => i.path[0] === 'weekdays'))) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'from');
    throw badRequest('invalid-schedule', `body.${field}`, {
      en: `Check ${field}: give dates as YYYY-MM-DD, a time as HH:MM and at least one weekday for a series`,
      ja: '日付・時刻・曜日を確認してください（繰り返しでは曜日を1つ以上選びます）',
    });
  }
  if (until === '') {
    const startsAt = new Date(
      Temporal.PlainDate.from(from).toZonedDateTime({ timeZone: TOKYO, plainTime: startTime }).epochMilliseconds,
    );
    return { ...base, when: { startsAt } };
  }
  return { ...base, when: { recurrence: parsed.data! } };
}

/** The counsellor's no-JavaScript console for online consultations, under /staff/hokatsu. */
export async function counsellorPageRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const csrf = { preHandler: app.csrfProtection };
  const staff = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'staff') return request.actor;
    void reply.redirect('/staff/sign-in', 303);
    return undefined;
  };
  const ctx = (request: FastifyRequest, actor: Actor) => ({ services, actor, requestId: request.id });

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    extra: { flash?: { published: number } | 'marked' | null; error?: string | null; values?: FormBody } = {},
    status = 200,
  ) => {
    const slots = await listCounsellorSlots(ctx(request, actor));
    const page = counsellorPage({
      municipal: Boolean(actor.municipalityCode) && !isTokyoWide(actor),
      slots,
      csrfToken: reply.generateCsrf(),
      flash: extra.flash ?? null,
      error: extra.error ?? null,
      values: extra.values ?? {},
    });
    return sendPage(request, reply, page, status);
  };

  r.get(
    '/staff/hokatsu/consultations',
    {
      schema: {
        hide: true,
        querystring: z.object({
          published: z.coerce.number().int().min(0).optional(),
          done: z.literal('marked').optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = staff(request, reply);
      if (!actor) return reply;
      const q = request.query;
      const flash = q.done === 'marked' ? 'marked' : q.published !== undefined ? { published: q.published } : null;
      return render(request, reply, actor, { flash });
    },
  );

  r.post(
    '/staff/hokatsu/consultations/slots',
    { schema: { hide: true, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = staff(request, reply);
      if (!actor) return reply;
      try {
        const rows = await publishConsultationSlots(ctx(request, actor), slotInputFromForm(request.body));
        return reply.redirect(`/staff/hokatsu/consultations?published=${rows.length}`, 303);
      } catch (error) {
        const text = errorText(error, request);
        return render(request, reply, actor, { error: text, values: request.body }, statusOf(error));
      }
    },
  );

  r.post(
    '/staff/hokatsu/consultations/bookings/:id/outcome',
    { schema: { hide: true, params: z.object({ id: z.uuid() }), body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = staff(request, reply);
      if (!actor) return reply;
      try {
        const outcome = one(request.body.outcome) as 'held' | 'no-show';
        await recordConsultationOutcome(ctx(request, actor), { bookingId: request.params.id, outcome });
      } catch (error) {
        return render(request, reply, actor, { error: errorText(error, request) }, statusOf(error));
      }
      return reply.redirect('/staff/hokatsu/consultations?done=marked', 303);
    },
  );
}
