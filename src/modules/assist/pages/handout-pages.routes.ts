import multipart from '@fastify/multipart';
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { detectLang } from '../../../platform/i18n/i18n.ts';
import type { AppServices } from '../../../platform/services.ts';
import { tokyoToday } from '../../../platform/time/today.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { TOKYO_CODE } from '../../municipalities/index.ts';
import { authorizeRegistry, type RegistryActor } from '../../registry/index.ts';
import { assistHandouts } from '../assist.tables.ts';
import { handoutPdf, listHandoutsForHousehold } from '../handouts/list-handouts.ts';
import { uploadHandout } from '../handouts/upload-handout.ts';
import { SOURCE_LIMITS, tooLarge } from '../source/source-limits.ts';
import { parentHandoutsPage, staffHandoutsPage } from './handout-pages.tsx';

type MultipartField = {
  value?: unknown;
  filename?: string;
  toBuffer?: () => Promise<Buffer>;
  file?: { truncated?: boolean };
};

function pageErrors(error: unknown, request: FastifyRequest): string[] {
  if (!(error instanceof AppError)) throw error;
  const ja = detectLang(request) === 'ja';
  return [ja ? error.detail.ja : error.detail.en];
}

/** Staff upload hand-outs (`/staff/assist/handouts`); parents see theirs on `/handouts`. */
export async function handoutPageRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const staffList = async (actor: RegistryActor) =>
    services.db
      .select()
      .from(assistHandouts)
      .where(
        actor.municipalityCode === TOKYO_CODE ? undefined : eq(assistHandouts.municipalityCode, actor.municipalityCode),
      )
      .orderBy(desc(assistHandouts.createdAt))
      .limit(100);

  const renderStaff = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    extra: { errors: string[]; done: boolean },
    status = 200,
  ) => {
    const registryActor = await authorizeRegistry(services, actor, 'registry.edit', request.id);
    const handouts = await staffList(registryActor);
    const csrfToken = reply.generateCsrf();
    return sendPage(request, reply, (lang) => staffHandoutsPage(lang, { csrfToken, handouts, ...extra }), status);
  };

  r.get(
    '/staff/assist/handouts',
    { schema: { hide: true, querystring: z.object({ done: z.string().optional() }) } },
    async (request, reply) => {
      if (request.actor.type !== 'staff') return reply.redirect('/staff/sign-in', 303);
      return renderStaff(request, reply, request.actor, { errors: [], done: request.query.done === 'uploaded' });
    },
  );

  await app.register(async (scoped) => {
    await scoped.register(multipart, {
      attachFieldsToBody: true,
      limits: { fileSize: SOURCE_LIMITS.pdfBytes, files: 1, fields: 4 },
    });
    scoped.post(
      '/staff/assist/handouts',
      {
        schema: { hide: true },
        bodyLimit: SOURCE_LIMITS.pdfBytes + 64 * 1024,
        preHandler: [
          async (request) => {
            const body = (request.body ?? {}) as Record<string, MultipartField | undefined>;
            const token = body._csrf?.value;
            (request.body as Record<string, unknown>)._csrf = typeof token === 'string' ? token : '';
          },
          app.csrfProtection,
        ],
      },
      async (request, reply) => {
        if (request.actor.type !== 'staff') return reply.redirect('/staff/sign-in', 303);
        const actor = request.actor;
        const body = request.body as Record<string, MultipartField | undefined>;
        try {
          const registryActor = await authorizeRegistry(services, actor, 'registry.edit', request.id, {
            municipalityCode: actor.municipalityCode ?? '',
          });
          const file = body.file;
          const bytes = file?.toBuffer
            ? await file.toBuffer().catch((error: { code?: string }) => {
                if (error.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge('file', SOURCE_LIMITS.pdfBytes);
                throw error;
              })
            : Buffer.alloc(0);
          if (file?.file?.truncated) throw tooLarge('file', SOURCE_LIMITS.pdfBytes);
          await uploadHandout(services, {
            actor: registryActor,
            fileName: file?.filename ?? 'handout.pdf',
            bytes,
            title: typeof body.title?.value === 'string' ? body.title.value : null,
            requestId: request.id,
          });
          return reply.redirect('/staff/assist/handouts?done=uploaded', 303);
        } catch (error) {
          const status = error instanceof AppError ? error.status : 400;
          return renderStaff(request, reply, actor, { errors: pageErrors(error, request), done: false }, status);
        }
      },
    );
  });

  r.get(
    '/handouts',
    { schema: { hide: true, querystring: z.object({ q: z.string().max(100).optional() }) } },
    async (request, reply) => {
      const actor = request.actor;
      if (actor.type !== 'parent' || !actor.householdId)
        return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
      const result = await listHandoutsForHousehold(services, {
        actor,
        today: tokyoToday(services.now()),
        q: request.query.q,
        requestId: request.id,
      });
      return sendPage(request, reply, (lang) => parentHandoutsPage(lang, { ...result, q: request.query.q ?? '' }));
    },
  );

  r.get('/handouts/:id/pdf', { schema: { hide: true, params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
    const row = await handoutPdf(services, request.params.id);
    if (!row) throw notFound({ en: 'No such hand-out.', ja: 'その資料はありません。' });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
      .send(Buffer.from(row.pdf, 'base64'));
  });
}
