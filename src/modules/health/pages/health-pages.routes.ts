import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { AppError, fieldError } from '../../../platform/http/app-error.ts';
import { detectLang } from '../../../platform/i18n/i18n.ts';
import type { AppServices } from '../../../platform/services.ts';
import { tokyoToday } from '../../../platform/time/today.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { getHousehold } from '../../identity/index.ts';
import { clinicCheckupRequestSchema } from '../checkups/checkup-results.schemas.ts';
import { listOwnCheckupResults } from '../checkups/list-checkup-results.ts';
import { recordCheckupByClinic } from '../checkups/record-checkup-by-clinic.ts';
import { checkEligibility } from '../clinic/check-eligibility.ts';
import { questionnaireRequestSchema, vaccinationRequestSchema } from '../clinic/clinic.schemas.ts';
import { issueConsentCode } from '../clinic/issue-consent-code.ts';
import { QUESTIONS, submitQuestionnaire } from '../clinic/questionnaire.ts';
import { questionnaireDoses } from '../clinic/questionnaire-doses.ts';
import { listOwnVaccinations, recordVaccination } from '../clinic/vaccination-records.ts';
import { visitView } from '../clinic/visit-view.ts';
import { redeemPrenatalCode } from '../prenatal/redeem-prenatal-code.ts';
import { listMunicipalityRecords, RECORD_FILTERS, type RecordFilter } from '../records/list-municipality-records.ts';
import type { RoutineSchedule } from '../vaccination/routine-schedule.ts';
import { checkupMessages } from './checkup.messages.ts';
import { clinicCodePage, clinicVisitPage } from './clinic-pages.tsx';
import { healthMessages } from './health.messages.ts';
import { municipalityRecordsPage } from './municipality-records-page.tsx';
import { errorMessages, type FieldMessage } from './page-helpers.tsx';
import { consentCodePage, parentHealthPage, questionnairePage } from './parent-health-pages.tsx';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
type FormBody = z.infer<typeof formBody>;
const one = (body: FormBody, key: string) => {
  const v = body[key];
  return Array.isArray(v) ? v[0] : v;
};
/** Form-level zod issues as the AppError the page already knows how to show. */
const invalidRecord = (issues: z.core.$ZodIssue[]) =>
  new AppError(
    'validation-failed',
    400,
    { en: 'Check the entries.', ja: '入力内容を確認してください。' },
    issues.map((i) => fieldError(String(i.path[0] ?? ''), { en: i.message, ja: '入力内容を確認してください' })),
  );
const splitDose = (value: string | undefined) => {
  const [vaccine = '', dose = ''] = (value ?? '').split(':');
  return { vaccine, dose };
};

/** The parent's health pages and the clinic reception screen. No script needed; forms carry CSRF tokens. */
export async function healthPageRoutes(app: FastifyInstance, services: AppServices, schedule: RoutineSchedule) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const csrf = { preHandler: app.csrfProtection };
  const ctx = (request: FastifyRequest, actor: Actor) => ({ services, actor, requestId: request.id });
  const parentOnly = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'parent' && request.actor.householdId) return request.actor;
    void reply.redirect(`/sign-in?next=${encodeURIComponent(request.url.split('?')[0] ?? '/health')}`, 303);
    return undefined;
  };
  const clinicOnly = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'clinic-staff') return request.actor;
    void reply.redirect('/staff/sign-in', 303);
    return undefined;
  };

  const showParent = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, notice?: string) => {
    const household = await getHousehold(ctx(request, actor), { householdId: actor.householdId!, purpose: 'health' });
    const children = await Promise.all(
      household.children.map(async (child) => ({
        child,
        records: await listOwnVaccinations(ctx(request, actor), child.id),
      })),
    );
    const checkups = await listOwnCheckupResults(ctx(request, actor));
    const csrfToken = reply.generateCsrf();
    return sendPage(request, reply, (lang) =>
      parentHealthPage(lang, {
        children,
        pregnancies: household.pregnancies,
        // Only the expecting parent opens a 妊婦健診 code (issuePrenatalConsentCode checks the same).
        ownPregnancies: household.pregnancies.filter((p) => p.parentId === actor.id && p.status === 'expecting'),
        checkups,
        schedule,
        csrfToken,
        notice,
      }),
    );
  };

  r.get(
    '/health',
    { schema: { hide: true, querystring: z.object({ done: z.string().optional() }) } },
    async (request, reply) => {
      const actor = parentOnly(request, reply);
      if (!actor) return reply;
      const m = healthMessages(detectLang(request));
      return showParent(request, reply, actor, request.query.done === 'questionnaire' ? m.signed : undefined);
    },
  );

  r.post('/health/consent-codes', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = parentOnly(request, reply);
    if (!actor) return reply;
    const purpose = one(request.body, 'purpose') === 'eligibility' ? 'eligibility' : 'vaccination';
    const parsed = z.uuid().safeParse(one(request.body, 'childId'));
    if (!parsed.success) return showParent(request, reply, actor);
    const code = await issueConsentCode(ctx(request, actor), { childId: parsed.data, purpose });
    // A code must not be cached or restored from history after it is used.
    reply.header('cache-control', 'no-store');
    return sendPage(request, reply, (lang) => consentCodePage(lang, code));
  });

  const childParams = z.object({ childId: z.uuid() });
  const findChild = async (request: FastifyRequest, actor: Actor, childId: string) => {
    const household = await getHousehold(ctx(request, actor), { householdId: actor.householdId!, purpose: '予診票' });
    return household.children.find((c) => c.id === childId);
  };
  const showQuestionnaire = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    childId: string,
    values: Record<string, string | undefined> | undefined,
    errors: FieldMessage[],
  ) => {
    const child = await findChild(request, actor, childId);
    if (!child) return reply.redirect('/health', 303);
    const csrfToken = reply.generateCsrf();
    const today = tokyoToday(services.now());
    const given = await listOwnVaccinations(ctx(request, actor), child.id);
    const doses = questionnaireDoses(schedule, child, given, today);
    return sendPage(
      request,
      reply,
      (lang) => questionnairePage(lang, { child, schedule, doses, csrfToken, today, values, errors }),
      errors.length ? 400 : 200,
    );
  };

  r.get(
    '/health/children/:childId/questionnaire',
    { schema: { hide: true, params: childParams } },
    async (request, reply) => {
      const actor = parentOnly(request, reply);
      if (!actor) return reply;
      return showQuestionnaire(request, reply, actor, request.params.childId, undefined, []);
    },
  );

  r.post(
    '/health/children/:childId/questionnaire',
    { schema: { hide: true, params: childParams, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = parentOnly(request, reply);
      if (!actor) return reply;
      const lang = detectLang(request);
      const values = Object.fromEntries(Object.keys(request.body).map((k) => [k, one(request.body, k)]));
      const { vaccine, dose } = splitDose(values.vaccineDose);
      const parsed = questionnaireRequestSchema.safeParse({
        childId: request.params.childId,
        vaccine,
        dose,
        visitDate: values.visitDate,
        temperature: values.temperature,
        answers: Object.fromEntries(QUESTIONS.map((q) => [q, values[`q-${q}`] === 'yes'])),
        notes: values.notes ?? '',
        consentToVaccination: values.consentToVaccination,
      });
      if (!parsed.success) {
        const errors = parsed.error.issues.map((issue) => ({
          field: String(issue.path[0] ?? ''),
          message:
            lang === 'ja'
              ? ((issue as { params?: { ja?: string } }).params?.ja ?? '入力内容を確認してください')
              : issue.message,
        }));
        return showQuestionnaire(request, reply, actor, request.params.childId, values, errors);
      }
      try {
        await submitQuestionnaire(ctx(request, actor), parsed.data);
      } catch (error) {
        return showQuestionnaire(request, reply, actor, request.params.childId, values, errorMessages(error, lang));
      }
      return reply.redirect('/health?done=questionnaire', 303);
    },
  );

  // Clinic reception.
  r.get('/clinic', { schema: { hide: true } }, async (request, reply) => {
    if (!clinicOnly(request, reply)) return reply;
    const csrfToken = reply.generateCsrf();
    return sendPage(request, reply, (lang) => clinicCodePage(lang, { csrfToken, errors: [] }));
  });

  r.post('/clinic/visits', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = clinicOnly(request, reply);
    if (!actor) return reply;
    const code = (one(request.body, 'code') ?? '').trim();
    try {
      // One code field for both kinds: a 妊婦健診 code is tried first (a miss there uses nothing and audits
      // nothing), then the child codes, whose check audits its own refusal.
      const prenatal = await redeemPrenatalCode(ctx(request, actor), { consentToken: code || '-', quiet: true }).catch(
        (error: unknown) => {
          if (error instanceof AppError && error.code === 'no-eligibility-available') return undefined;
          throw error;
        },
      );
      if (prenatal) return reply.redirect(`/clinic/prenatal-visits/${prenatal.id}`, 303);
      const { visit } = await checkEligibility(ctx(request, actor), {
        consentToken: code || '-',
        visitDate: tokyoToday(services.now()),
        requireSubsidy: false,
      });
      return reply.redirect(`/clinic/visits/${visit.id}`, 303);
    } catch (error) {
      const lang = detectLang(request);
      const csrfToken = reply.generateCsrf();
      const errors = errorMessages(error, lang);
      return sendPage(request, reply, (l) => clinicCodePage(l, { csrfToken, errors }), 404);
    }
  });

  const visitParams = z.object({ visitId: z.uuid() });
  const showVisit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    visitId: string,
    notice: string | undefined,
    errors: FieldMessage[],
  ) => {
    const view = await visitView(ctx(request, actor), schedule, visitId);
    const csrfToken = reply.generateCsrf();
    return sendPage(
      request,
      reply,
      (lang) => clinicVisitPage(lang, { view, schedule, csrfToken, ...(notice ? { notice } : {}), errors }),
      errors.length ? 400 : 200,
    );
  };

  r.get(
    '/clinic/visits/:visitId',
    { schema: { hide: true, params: visitParams, querystring: z.object({ done: z.string().optional() }) } },
    async (request, reply) => {
      const actor = clinicOnly(request, reply);
      if (!actor) return reply;
      const m = healthMessages(detectLang(request));
      const notice =
        request.query.done === 'checkup'
          ? checkupMessages(detectLang(request)).recorded
          : request.query.done
            ? m.recorded
            : undefined;
      return showVisit(request, reply, actor, request.params.visitId, notice, []);
    },
  );

  r.post(
    '/clinic/visits/:visitId/vaccinations',
    { schema: { hide: true, params: visitParams, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = clinicOnly(request, reply);
      if (!actor) return reply;
      const { vaccine, dose } = splitDose(one(request.body, 'vaccineDose'));
      const parsed = vaccinationRequestSchema.safeParse({
        vaccine,
        dose,
        lotNumber: (one(request.body, 'lotNumber') ?? '').trim(),
        givenOn: one(request.body, 'givenOn'),
      });
      try {
        if (!parsed.success) throw invalidRecord(parsed.error.issues);
        await recordVaccination(ctx(request, actor), schedule, { visitId: request.params.visitId, ...parsed.data });
      } catch (error) {
        const errors = errorMessages(error, detectLang(request));
        return showVisit(request, reply, actor, request.params.visitId, undefined, errors);
      }
      return reply.redirect(`/clinic/visits/${request.params.visitId}?done=recorded`, 303);
    },
  );

  r.post(
    '/clinic/visits/:visitId/checkups',
    { schema: { hide: true, params: visitParams, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = clinicOnly(request, reply);
      if (!actor) return reply;
      const measurements: Record<string, number | string> = {};
      for (const field of ['heightCm', 'weightKg', 'headCircumferenceCm']) {
        const raw = (one(request.body, field) ?? '').trim();
        // A number typed with a full-width digit or comma still reads as a number; anything else is shown as is
        // so the schema names the field.
        if (raw)
          measurements[field] = Number.isFinite(Number(raw.replace(',', '.'))) ? Number(raw.replace(',', '.')) : raw;
      }
      const parsed = clinicCheckupRequestSchema.safeParse({
        checkupCode: one(request.body, 'checkupCode'),
        examinedOn: one(request.body, 'examinedOn'),
        outcome: one(request.body, 'outcome'),
        measurements,
        notes: (one(request.body, 'notes') ?? '').trim(),
      });
      try {
        if (!parsed.success) throw invalidRecord(parsed.error.issues);
        await recordCheckupByClinic(ctx(request, actor), request.params.visitId, parsed.data);
      } catch (error) {
        const errors = errorMessages(error, detectLang(request));
        return showVisit(request, reply, actor, request.params.visitId, undefined, errors);
      }
      return reply.redirect(`/clinic/visits/${request.params.visitId}?done=checkup`, 303);
    },
  );

  // The health officer's records of the municipality (GET form: filters live in the address, no CSRF needed).
  r.get(
    '/health/records',
    {
      schema: {
        hide: true,
        querystring: z.object({
          q: z.string().max(40).default(''),
          filter: z.enum(RECORD_FILTERS).catch('all'),
          page: z.coerce.number().int().min(0).max(1000).catch(0),
        }),
      },
    },
    async (request, reply) => {
      if (request.actor.type !== 'staff') return reply.redirect('/staff/sign-in', 303);
      const input = {
        query: request.query.q.trim(),
        filter: request.query.filter as RecordFilter,
        page: request.query.page,
      };
      const result = await listMunicipalityRecords(ctx(request, request.actor), schedule, input);
      return sendPage(request, reply, (lang) => municipalityRecordsPage(lang, { ...result, ...input }));
    },
  );
}
