import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { detectLang } from '../../platform/i18n/i18n.ts';
import type { AppServices } from '../../platform/services.ts';
import { sendPage } from '../../platform/web/render-page.ts';
import { getHousehold } from '../identity/index.ts';
import { DOCUMENT_MAX_BYTES } from './applications/application.tables.ts';
import { documentTooLarge, uploadApplicationDocument } from './applications/application-documents.ts';
import { intakeMonths, nurseryOptions } from './applications/application-form-data.ts';
import { indexFromAnswers, rulesForApplication } from './applications/application-rules.ts';
import { getOwnApplication } from './applications/get-own-application.ts';
import { listOwnApplications } from './applications/list-own-applications.ts';
import { respondToOffer } from './applications/respond-to-offer.ts';
import { resubmitApplication } from './applications/resubmit-application.ts';
import { submitApplication } from './applications/submit-application.ts';
import { parentTieBreaks } from './applications/tie-break-facts.ts';
import { applicationPage, applicationsListPage } from './pages/application-page.tsx';
import { applyPage } from './pages/apply-page.tsx';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
type FormBody = z.infer<typeof formBody>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const idParam = z.object({ id: z.uuid() });

/** Problem text for a page, in the reader's language, with the fields it names; other errors propagate. */
export function pageErrors(error: unknown, request: FastifyRequest): string[] {
  if (!(error instanceof AppError)) throw error;
  const ja = detectLang(request) === 'ja';
  const fields = error.fieldErrors.map((f) => `${f.field}: ${ja ? f.messageJa : f.message}`);
  return [ja ? error.detail.ja : error.detail.en, ...fields];
}

/** The parent's application pages (no JavaScript): apply, list, one application with documents and the offer. */
export async function applicationPageRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const csrf = { preHandler: app.csrfProtection };
  const parent = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'parent' && request.actor.householdId) return request.actor;
    void reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    return undefined;
  };
  const ctx = (request: FastifyRequest, actor: Actor) => ({ services, actor, requestId: request.id });

  const renderApply = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    answersJson: string | null,
    values: Record<string, string | undefined> = {},
    errors: string[] = [],
    status = 200,
  ) => {
    const household = await getHousehold(ctx(request, actor), { householdId: actor.householdId! });
    const months = intakeMonths(services.now());
    let index = null;
    let tieBreaks: { id: string; label: { ja: string; en: string } }[] = [];
    try {
      tieBreaks = parentTieBreaks(rulesForApplication(household.municipalityCode, values.roundMonth ?? months[0]!));
    } catch {
      // No rules for the municipality: the answers check below reports it.
    }
    if (answersJson) {
      try {
        const rules = rulesForApplication(household.municipalityCode, values.roundMonth ?? months[0]!);
        index = indexFromAnswers(rules, JSON.parse(answersJson));
      } catch (error) {
        if (error instanceof SyntaxError) answersJson = null;
        else errors = [...errors, ...pageErrors(error, request)];
      }
    }
    const page = applyPage({
      csrfToken: reply.generateCsrf(),
      children: household.children.map((c) => ({ id: c.id, name: c.name, birthDate: c.birthDate })),
      months,
      nurseries: await nurseryOptions(services.db, household.municipalityCode),
      tieBreaks: tieBreaks.map((t) => ({ id: t.id, label: t.label })),
      answersJson,
      index,
      values,
      errors,
    });
    return sendPage(request, reply, page, status);
  };

  r.get(
    '/hokatsu/apply',
    { schema: { hide: true, querystring: z.object({ answers: z.string().max(4000).optional() }) } },
    async (request, reply) => {
      const actor = parent(request, reply);
      if (!actor) return reply;
      return renderApply(request, reply, actor, request.query.answers ?? null);
    },
  );

  r.post('/hokatsu/apply', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = parent(request, reply);
    if (!actor) return reply;
    const b = request.body;
    const values = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, one(v)]));
    const answersJson = values.answers ?? null;
    const choices = [1, 2, 3, 4, 5].map((i) => values[`choice${i}`]).filter((x): x is string => !!x);
    try {
      let answers: unknown;
      try {
        answers = JSON.parse(answersJson ?? '');
      } catch {
        answers = null;
      }
      const { id } = await submitApplication(ctx(request, actor), {
        childId: values.childId ?? '',
        roundMonth: values.roundMonth ?? '',
        choices,
        answers,
        siblingsTogether: values.siblingsTogether === 'yes',
        // The form's "tieBreak:<id>" fields; the use case checks them against the rules and converts yen.
        tieBreakFacts: Object.fromEntries(
          Object.entries(values)
            .filter(([k, v]) => k.startsWith('tieBreak:') && v)
            .map(([k, v]) => [k.slice('tieBreak:'.length), v]),
        ),
        currentNurseryId: values.currentNurseryId || null,
      });
      return reply.redirect(`/hokatsu/applications/${id}?done=submitted`, 303);
    } catch (error) {
      return renderApply(request, reply, actor, answersJson, values, pageErrors(error, request), 400);
    }
  });

  r.get('/hokatsu/applications', { schema: { hide: true } }, async (request, reply) => {
    const actor = parent(request, reply);
    if (!actor) return reply;
    return sendPage(request, reply, applicationsListPage(await listOwnApplications(ctx(request, actor))));
  });

  const renderOne = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    extra: { flash?: 'submitted' | 'uploaded' | 'answered' | 'resubmitted' | null; error?: string | null } = {},
    status = 200,
  ) => {
    const application = await getOwnApplication(ctx(request, actor), id);
    const page = applicationPage({
      app: application,
      csrfToken: reply.generateCsrf(),
      flash: extra.flash ?? null,
      error: extra.error ?? null,
    });
    return sendPage(request, reply, page, status);
  };

  r.get(
    '/hokatsu/applications/:id',
    {
      schema: {
        hide: true,
        params: idParam,
        querystring: z.object({ done: z.enum(['submitted', 'uploaded', 'answered', 'resubmitted']).optional() }),
      },
    },
    async (request, reply) => {
      const actor = parent(request, reply);
      if (!actor) return reply;
      return renderOne(request, reply, actor, request.params.id, { flash: request.query.done ?? null });
    },
  );

  const action = (path: 'offer' | 'resubmit') =>
    r.post(
      `/hokatsu/applications/:id/${path}`,
      { schema: { hide: true, params: idParam, body: formBody }, ...csrf },
      async (request, reply) => {
        const actor = parent(request, reply);
        if (!actor) return reply;
        try {
          if (path === 'offer') {
            const answer = one(request.body.answer);
            if (answer !== 'accepted' && answer !== 'declined') {
              throw new AppError('invalid-answer', 400, { en: 'Accept or decline', ja: '承諾か辞退を選んでください' });
            }
            await respondToOffer(ctx(request, actor), { id: request.params.id, answer });
          } else {
            await resubmitApplication(ctx(request, actor), { id: request.params.id });
          }
        } catch (error) {
          const text = pageErrors(error, request).join(' ');
          return renderOne(request, reply, actor, request.params.id, { error: text }, 409);
        }
        const done = path === 'offer' ? 'answered' : 'resubmitted';
        return reply.redirect(`/hokatsu/applications/${request.params.id}?done=${done}`, 303);
      },
    );
  action('offer');
  action('resubmit');

  // The upload form is multipart, so it gets its own parser, scoped to this one route.
  await app.register(async (scoped) => {
    await scoped.register(multipart, {
      attachFieldsToBody: true,
      limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1, fields: 5 },
    });
    scoped.post(
      '/hokatsu/applications/:id/documents',
      {
        schema: { hide: true },
        bodyLimit: DOCUMENT_MAX_BYTES + 64 * 1024,
        preHandler: [
          async (request) => {
            // The CSRF check reads body._csrf as a string; multipart gives it as a field object.
            const body = request.body as Record<string, { value?: unknown } | undefined>;
            const token = body?._csrf?.value;
            (request.body as Record<string, unknown>)._csrf = typeof token === 'string' ? token : '';
          },
          app.csrfProtection,
        ],
      },
      async (request, reply) => {
        const { id } = idParam.parse(request.params);
        const actor = parent(request, reply);
        if (!actor) return reply;
        const file = (request.body as Record<string, unknown>).file as
          | { filename?: string; toBuffer?: () => Promise<Buffer>; file?: { truncated?: boolean } }
          | undefined;
        try {
          if (!file?.toBuffer) {
            throw new AppError('empty-document', 400, { en: 'Choose a file', ja: 'ファイルを選んでください' });
          }
          const data = await file.toBuffer().catch((error: { code?: string }) => {
            if (error.code === 'FST_REQ_FILE_TOO_LARGE') throw documentTooLarge();
            throw error;
          });
          if (file.file?.truncated) throw documentTooLarge();
          await uploadApplicationDocument(ctx(request, actor), {
            applicationId: id,
            filename: file.filename ?? 'document',
            data,
          });
        } catch (error) {
          const text = pageErrors(error, request).join(' ');
          const status = error instanceof AppError ? error.status : 400;
          return renderOne(request, reply, actor, id, { error: text }, status);
        }
        return reply.redirect(`/hokatsu/applications/${id}?done=uploaded`, 303);
      },
    );
  });
}

export type { FormBody };
