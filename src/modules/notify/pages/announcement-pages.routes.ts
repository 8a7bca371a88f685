import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { decide, isTokyoWide } from '../../../platform/access/authorize.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { detectLang, type Lang } from '../../../platform/i18n/i18n.ts';
import type { AppServices } from '../../../platform/services.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { findMunicipality, MUNICIPALITIES, TOKYO_CODE } from '../../municipalities/index.ts';
import { NOTIFY_CATEGORIES, type NotifyCategory } from '../notify.tables.ts';
import { announcementReport, listAnnouncements } from '../use-cases/announcement-queries.ts';
import { approveAnnouncement, draftAnnouncement, previewAnnouncement } from '../use-cases/announcements.ts';
import { cancelAnnouncement } from '../use-cases/cancel-announcement.ts';
import { tokyoDateTime } from './announcement.messages.ts';
import {
  type AnnouncementForm,
  announcementFormPage,
  announcementListPage,
  type FormError,
} from './announcement-pages.tsx';
import { ANNOUNCEMENT_FLASHES, type AnnouncementFlash, announcementReportPage } from './announcement-report-page.tsx';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const one = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? '').trim();

/** A posted send time is Japan time (datetime-local has no zone). */
function tokyoInstant(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const at = new Date(`${value}:00+09:00`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

const TEXT = {
  required: { ja: '入力してください。', en: 'Please fill this in.' },
  tooLong: { ja: '長すぎます。', en: 'This is too long.' },
  months: { ja: '0〜240 の整数（月齢）で入力してください。', en: 'Enter whole months from 0 to 240.' },
  sendAt: { ja: '送信予定日時を入力してください。', en: 'Enter the send time.' },
} as const;

/** Reads the form; with `full`, the content and send time too (preview needs only the segment). */
function parseForm(form: AnnouncementForm, lang: Lang, full: boolean) {
  const errors: FormError[] = [];
  const add = (field: string, text: { ja: string; en: string }) => errors.push({ field, message: text[lang] });
  const months = (field: 'ageMinMonths' | 'ageMaxMonths') => {
    const v = form[field];
    if (v === '') return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 240) add(field, TEXT.months);
    return n;
  };
  const segment = {
    municipalityCode: form.municipalityCode,
    category: ((NOTIFY_CATEGORIES as readonly string[]).includes(form.category)
      ? form.category
      : 'announcements') as NotifyCategory,
    ageMinMonths: months('ageMinMonths'),
    ageMaxMonths: months('ageMaxMonths'),
    urgent: form.urgent,
  };
  if (!full) return { errors, segment };
  for (const [field, max] of [
    ['titleJa', 200],
    ['bodyJa', 5000],
    ['titleEn', 200],
    ['bodyEn', 5000],
  ] as const) {
    if (form[field] === '') add(field, TEXT.required);
    else if (form[field].length > max) add(field, TEXT.tooLong);
  }
  const sendAt = tokyoInstant(form.sendAt);
  if (!sendAt) add('sendAt', TEXT.sendAt);
  return { errors, segment, sendAt };
}

/** AppError refusals from the use cases, as form errors (`body.ageMaxMonths` → `ageMaxMonths`). */
function refusals(error: unknown, lang: Lang): FormError[] {
  if (!(error instanceof AppError) || error.status >= 500 || error.status === 401) throw error;
  if (error.fieldErrors.length > 0) {
    return error.fieldErrors.map((f) => ({
      field: f.field.replace(/^body\./, ''),
      message: lang === 'ja' ? f.messageJa : f.message,
    }));
  }
  return [{ field: '', message: lang === 'ja' ? error.detail.ja : error.detail.en }];
}

/** Staff pages for announcements: list, create (with recipient preview), approve by a second person, report. */
export async function announcementPageRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'staff' && request.actor.id) return request.actor;
    void reply.redirect('/staff/sign-in', 303);
  };
  // Staff of a municipality send to their own; Tokyo-wide staff pick one (Tokyo itself has no children of its own).
  const municipalitiesOf = (actor: Actor, lang: Lang) =>
    (isTokyoWide(actor)
      ? MUNICIPALITIES.filter((m) => m.code !== TOKYO_CODE)
      : MUNICIPALITIES.filter((m) => m.code === actor.municipalityCode)
    ).map((m) => ({ code: m.code, name: lang === 'ja' ? m.name : m.nameEn }));
  const formOf = (actor: Actor, body: Record<string, string | string[]>): AnnouncementForm => ({
    municipalityCode: isTokyoWide(actor) ? one(body.municipalityCode) : (actor.municipalityCode ?? ''),
    category: one(body.category),
    ageMinMonths: one(body.ageMinMonths),
    ageMaxMonths: one(body.ageMaxMonths),
    urgent: one(body.urgent) === '1',
    titleJa: one(body.titleJa),
    bodyJa: one(body.bodyJa),
    titleEn: one(body.titleEn),
    bodyEn: one(body.bodyEn),
    sendAt: one(body.sendAt),
  });

  r.get('/staff/notify/announcements', { schema: { hide: true } }, async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const items = await listAnnouncements(services, actor, { requestId: request.id });
    return sendPage(request, reply, (lang) => announcementListPage(lang, { items, actorId: actor.id! }));
  });

  r.get('/staff/notify/announcements/new', { schema: { hide: true } }, async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const lang = detectLang(request);
    const municipalities = municipalitiesOf(actor, lang);
    // Tomorrow 10:00 in Tokyo is a sensible default send time.
    const tomorrow = tokyoDateTime(new Date(services.now().getTime() + 24 * 3600 * 1000)).slice(0, 10);
    const form: AnnouncementForm = {
      municipalityCode: municipalities[0]?.code ?? '',
      category: 'announcements',
      ageMinMonths: '',
      ageMaxMonths: '',
      urgent: false,
      titleJa: '',
      bodyJa: '',
      titleEn: '',
      bodyEn: '',
      sendAt: `${tomorrow}T10:00`,
    };
    const csrfToken = reply.generateCsrf();
    return sendPage(request, reply, (l) => announcementFormPage(l, { form, csrfToken, errors: [], municipalities }));
  });

  r.post(
    '/staff/notify/announcements',
    { schema: { hide: true, body: formBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const actor = staff(request, reply);
      if (!actor) return reply;
      const lang = detectLang(request);
      const form = formOf(actor, request.body);
      const intent = one(request.body.intent) === 'create' ? 'create' : 'preview';
      const parsed = parseForm(form, lang, intent === 'create');
      let errors = parsed.errors;
      let preview: number | undefined;
      if (errors.length === 0) {
        try {
          if (intent === 'preview') {
            preview = await previewAnnouncement(services, actor, parsed.segment, request.id);
          } else {
            const draft = await draftAnnouncement(
              services,
              actor,
              {
                ...parsed.segment,
                titleJa: form.titleJa,
                bodyJa: form.bodyJa,
                titleEn: form.titleEn,
                bodyEn: form.bodyEn,
                sendAt: parsed.sendAt!,
              },
              request.id,
            );
            return reply.redirect(`/staff/notify/announcements/${draft.id}?done=created`, 303);
          }
        } catch (error) {
          errors = refusals(error, lang);
        }
      }
      const csrfToken = reply.generateCsrf();
      const municipalities = municipalitiesOf(actor, lang);
      return sendPage(
        request,
        reply,
        (l) => announcementFormPage(l, { form, csrfToken, errors, preview, municipalities }),
        errors.length > 0 ? 400 : 200,
      );
    },
  );

  const showReport = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    extra: { flash?: AnnouncementFlash | undefined; errors?: FormError[]; status?: number },
  ) => {
    const report = await announcementReport(services, actor, { id, requestId: request.id });
    const code = report.announcement.municipalityCode;
    const canApprove = decide(actor, 'notice.send', { municipalityCode: code }).allowed;
    const municipality = findMunicipality(code);
    const csrfToken = reply.generateCsrf();
    return sendPage(
      request,
      reply,
      (lang) =>
        announcementReportPage(lang, {
          ...report,
          actorId: actor.id!,
          canApprove,
          csrfToken,
          flash: extra.flash,
          errors: extra.errors ?? [],
          municipalityName: municipality ? (lang === 'ja' ? municipality.name : municipality.nameEn) : code,
        }),
      extra.status ?? 200,
    );
  };

  r.get(
    '/staff/notify/announcements/:id',
    {
      schema: {
        hide: true,
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ done: z.enum(ANNOUNCEMENT_FLASHES).optional() }),
      },
    },
    async (request, reply) => {
      const actor = staff(request, reply);
      if (!actor) return reply;
      return showReport(request, reply, actor, request.params.id, { flash: request.query.done });
    },
  );

  // Approve (a second staff member) and cancel (before the send): the same form shape, refusals shown on the page.
  for (const [action, run] of [
    ['approve', approveAnnouncement],
    ['cancel', cancelAnnouncement],
  ] as const) {
    r.post(
      `/staff/notify/announcements/:id/${action}`,
      {
        schema: { hide: true, params: z.object({ id: z.uuid() }), body: formBody.optional() },
        preHandler: app.csrfProtection,
      },
      async (request, reply) => {
        const actor = staff(request, reply);
        if (!actor) return reply;
        try {
          await run(services, actor, { id: request.params.id, requestId: request.id });
        } catch (error) {
          // The author trying to approve (four-eyes), or an announcement past that step: say so on the page.
          const errors = refusals(error, detectLang(request));
          const status = error instanceof AppError ? error.status : 400;
          if (status === 404) throw error;
          return showReport(request, reply, actor, request.params.id, { errors, status });
        }
        const done = action === 'approve' ? 'approved' : 'cancelled';
        return reply.redirect(`/staff/notify/announcements/${request.params.id}?done=${done}`, 303);
      },
    );
  }
}
