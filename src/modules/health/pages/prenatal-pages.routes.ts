import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { AppError, fieldError } from '../../../platform/http/app-error.ts';
import { detectLang } from '../../../platform/i18n/i18n.ts';
import type { AppServices } from '../../../platform/services.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { clinicPrenatalCheckupRequestSchema } from '../checkups/checkup-results.schemas.ts';
import { issuePrenatalConsentCode } from '../prenatal/issue-prenatal-consent-code.ts';
import { prenatalVisitView, recordPrenatalCheckupByClinic } from '../prenatal/prenatal-visit.ts';
import type { RoutineSchedule } from '../vaccination/routine-schedule.ts';
import { checkupMessages } from './checkup.messages.ts';
import { errorMessages, type FieldMessage } from './page-helpers.tsx';
import { clinicPrenatalVisitPage, prenatalCodePage } from './prenatal-pages.tsx';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
type FormBody = z.infer<typeof formBody>;
const one = (body: FormBody, key: string) => {
  const v = body[key];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
};
/** A number typed with a comma or full-width digits still reads as a number; anything else goes to the schema as is. */
const numberOrText = (raw: string) => {
  const normalized = raw.normalize('NFKC').replace(',', '.');
  return raw === '' ? undefined : Number.isFinite(Number(normalized)) ? Number(normalized) : raw;
};

/** The 妊婦健診 pages: the expecting parent's code, and the clinic's visit screen with the record form. */
export async function prenatalPageRoutes(app: FastifyInstance, services: AppServices, schedule: RoutineSchedule) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const csrf = { preHandler: app.csrfProtection };
  const ctx = (request: FastifyRequest, actor: Actor) => ({ services, actor, requestId: request.id });
  const clinicOnly = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'clinic-staff') return request.actor;
    void reply.redirect('/staff/sign-in', 303);
    return undefined;
  };

  r.post(
    '/health/prenatal-consent-codes',
    { schema: { hide: true, body: formBody }, ...csrf },
    async (request, reply) => {
      if (request.actor.type !== 'parent' || !request.actor.householdId)
        return reply.redirect('/sign-in?next=/health', 303);
      const parsed = z.uuid().safeParse(one(request.body, 'pregnancyId'));
      if (!parsed.success) return reply.redirect('/health', 303);
      const code = await issuePrenatalConsentCode(ctx(request, request.actor), { pregnancyId: parsed.data });
      // A code must not be cached or restored from history after it is used.
      reply.header('cache-control', 'no-store');
      return sendPage(request, reply, (lang) => prenatalCodePage(lang, code));
    },
  );

  const visitParams = z.object({ visitId: z.uuid() });
  const showVisit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    visitId: string,
    notice: string | undefined,
    errors: FieldMessage[],
  ) => {
    const view = await prenatalVisitView(ctx(request, actor), schedule, visitId);
    const csrfToken = reply.generateCsrf();
    return sendPage(
      request,
      reply,
      (lang) => clinicPrenatalVisitPage(lang, { view, csrfToken, ...(notice ? { notice } : {}), errors }),
      errors.length ? 400 : 200,
    );
  };

  r.get(
    '/clinic/prenatal-visits/:visitId',
    { schema: { hide: true, params: visitParams, querystring: z.object({ done: z.string().optional() }) } },
    async (request, reply) => {
      const actor = clinicOnly(request, reply);
      if (!actor) return reply;
      const notice = request.query.done ? checkupMessages(detectLang(request)).recorded : undefined;
      return showVisit(request, reply, actor, request.params.visitId, notice, []);
    },
  );

  r.post(
    '/clinic/prenatal-visits/:visitId/checkups',
    { schema: { hide: true, params: visitParams, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = clinicOnly(request, reply);
      if (!actor) return reply;
      const measurements: Record<string, unknown> = {};
      for (const field of ['weightKg', 'systolicMmHg', 'diastolicMmHg']) {
        const value = numberOrText(one(request.body, field));
        if (value !== undefined) measurements[field] = value;
      }
      for (const field of ['urineProtein', 'urineGlucose']) {
        const value = one(request.body, field);
        if (value) measurements[field] = value;
      }
      const parsed = clinicPrenatalCheckupRequestSchema.safeParse({
        checkupCode: one(request.body, 'checkupCode'),
        examinedOn: one(request.body, 'examinedOn'),
        outcome: one(request.body, 'outcome'),
        measurements,
        notes: one(request.body, 'notes'),
      });
      try {
        if (!parsed.success) {
          throw new AppError(
            'validation-failed',
            400,
            { en: 'Check the entries.', ja: '入力内容を確認してください。' },
            parsed.error.issues.map((i) =>
              fieldError(i.path.join('.'), { en: i.message, ja: '入力内容を確認してください' }),
            ),
          );
        }
        await recordPrenatalCheckupByClinic(ctx(request, actor), request.params.visitId, parsed.data);
      } catch (error) {
        const errors = errorMessages(error, detectLang(request));
        return showVisit(request, reply, actor, request.params.visitId, undefined, errors);
      }
      return reply.redirect(`/clinic/prenatal-visits/${request.params.visitId}?done=checkup`, 303);
    },
  );
}
