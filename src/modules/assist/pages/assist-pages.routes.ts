import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { detectLang } from '../../../platform/i18n/i18n.ts';
import type { AppServices } from '../../../platform/services.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { authorizeRegistry, getStaffProgram, listStaffPrograms, programMunicipality } from '../../registry/index.ts';
import { claimExpired } from '../proposal-status.ts';
import type { SourceInput } from '../source/read-source.ts';
import { SOURCE_LIMITS } from '../source/source-limits.ts';
import { createProposal } from '../use-cases/create-proposal.ts';
import { decideProposal } from '../use-cases/decide-proposal.ts';
import { getProposal } from '../use-cases/get-proposal.ts';
import { proposalProgram } from '../use-cases/proposal-program.ts';
import { assistMessages } from './assist.messages.ts';
import { decisionsFromForm, type FormBody } from './decision-form.ts';
import { pageErrors } from './page-errors.ts';
import { assistConsolePage, newProposalPage, proposalPage } from './proposal-pages.tsx';

const idParams = z.object({ id: z.uuid() });

type MultipartField = {
  value?: unknown;
  filename?: string;
  toBuffer?: () => Promise<Buffer>;
  file?: { truncated?: boolean };
};

/**
 * Staff pages (server-rendered, no JavaScript needed): pick a program, hand over a page, decide each proposed field.
 * The upload form is multipart with its own parser scoped to that route; every form carries a CSRF token.
 */
export async function assistPageRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const signedInStaff = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'staff') return request.actor;
    void reply.redirect('/staff/sign-in', 303);
    return undefined;
  };

  r.get(
    '/staff/assist',
    { schema: { hide: true, querystring: z.object({ q: z.string().max(200).optional() }) } },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const registryActor = await authorizeRegistry(services, actor, 'registry.edit', request.id);
      const programs = await listStaffPrograms(services, { actor: registryActor, filter: 'all', q: request.query.q });
      return sendPage(request, reply, (lang) => assistConsolePage(lang, { programs, q: request.query.q ?? '' }));
    },
  );

  const renderNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    programId: string,
    extra: { errors: string[]; url: string; text: string },
    status = 200,
  ) => {
    const program = await programMunicipality(services, programId);
    const registryActor = await authorizeRegistry(services, actor, 'registry.edit', request.id, program);
    const staffProgram = await getStaffProgram(services, { actor: registryActor, programId });
    const name = staffProgram.open?.data.name ?? staffProgram.data.name;
    const csrfToken = reply.generateCsrf();
    return sendPage(
      request,
      reply,
      (lang) => newProposalPage(lang, { csrfToken, program: { id: programId, name }, ...extra }),
      status,
    );
  };

  r.get(
    '/staff/assist/programs/:id/proposals/new',
    { schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      return renderNew(request, reply, actor, request.params.id, { errors: [], url: '', text: '' });
    },
  );

  await app.register(async (scoped) => {
    await scoped.register(multipart, {
      attachFieldsToBody: true,
      limits: { fileSize: SOURCE_LIMITS.pdfBytes, files: 1, fields: 6, fieldSize: SOURCE_LIMITS.textBytes },
    });
    scoped.post(
      '/staff/assist/programs/:id/proposals',
      {
        schema: { hide: true },
        bodyLimit: SOURCE_LIMITS.pdfBytes + SOURCE_LIMITS.textBytes + 64 * 1024,
        preHandler: [
          async (request) => {
            // The CSRF check reads body._csrf as a string; multipart gives it as a field object.
            const body = (request.body ?? {}) as Record<string, MultipartField | undefined>;
            const token = body._csrf?.value;
            (request.body as Record<string, unknown>)._csrf = typeof token === 'string' ? token : '';
          },
          app.csrfProtection,
        ],
      },
      async (request, reply) => {
        const { id } = idParams.parse(request.params);
        const actor = signedInStaff(request, reply);
        if (!actor) return reply;
        const body = request.body as Record<string, MultipartField | undefined>;
        const url = typeof body.url?.value === 'string' ? body.url.value.trim() : '';
        const text = typeof body.text?.value === 'string' ? body.text.value : '';
        try {
          const program = await programMunicipality(services, id);
          const registryActor = await authorizeRegistry(services, actor, 'registry.edit', request.id, program);
          let bytes: Buffer | null = null;
          if (body.file?.toBuffer && body.file.filename) {
            bytes = await body.file.toBuffer().catch((error: { code?: string }) => {
              if (error.code === 'FST_REQ_FILE_TOO_LARGE') return null;
              throw error;
            });
            if (bytes === null || body.file.file?.truncated) {
              const lang = detectLang(request);
              const message = assistMessages(lang).file;
              throw new AppError('assist-source-too-large', 413, { en: message, ja: message });
            }
            if (bytes.byteLength === 0) bytes = null;
          }
          const given = [bytes, url || null, text.trim() || null].filter((x) => x != null);
          if (given.length !== 1) {
            const lang = detectLang(request);
            const message = assistMessages(lang).oneOf;
            throw new AppError('assist-source-missing', 400, { en: message, ja: message });
          }
          const source: SourceInput = bytes
            ? { kind: 'file', bytes, name: body.file?.filename ?? null }
            : url
              ? { kind: 'url', url }
              : { kind: 'text', text };
          const created = await createProposal(services, {
            actor: registryActor,
            programId: id,
            source,
            requestId: request.id,
          });
          return reply.redirect(`/staff/assist/proposals/${created.id}`, 303);
        } catch (error) {
          const status = error instanceof AppError ? error.status : 400;
          return renderNew(request, reply, actor, id, { errors: pageErrors(error, request), url, text }, status);
        }
      },
    );
  });

  const renderProposal = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    proposalId: string,
    errors: string[],
    status = 200,
  ) => {
    const program = await proposalProgram(services, proposalId);
    const registryActor = await authorizeRegistry(services, actor, 'registry.edit', request.id, program);
    const view = await getProposal(services, { actor: registryActor, proposalId });
    const csrfToken = reply.generateCsrf();
    const { status: state, claimedAt } = view.proposal;
    const stuck = state === 'applying' && claimExpired(claimedAt, services.now());
    return sendPage(request, reply, (lang) => proposalPage(lang, { csrfToken, view, errors, stuck }), status);
  };

  r.get('/staff/assist/proposals/:id', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const actor = signedInStaff(request, reply);
    if (!actor) return reply;
    return renderProposal(request, reply, actor, request.params.id, []);
  });

  r.post(
    '/staff/assist/proposals/:id',
    {
      schema: { hide: true, params: idParams, body: z.record(z.string(), z.union([z.string(), z.array(z.string())])) },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      try {
        const program = await proposalProgram(services, request.params.id);
        const registryActor = await authorizeRegistry(services, actor, 'registry.edit', request.id, program);
        const result = await decideProposal(services, {
          actor: registryActor,
          proposalId: request.params.id,
          decisions: decisionsFromForm(request.body as FormBody),
          requestId: request.id,
        });
        if (result.status === 'applied')
          return reply.redirect(`/staff/registry/programs/${result.programId}?done=submitted`, 303);
        return reply.redirect(`/staff/assist/proposals/${result.proposalId}`, 303);
      } catch (error) {
        const status = error instanceof AppError ? error.status : 400;
        return renderProposal(request, reply, actor, request.params.id, pageErrors(error, request), status);
      }
    },
  );
}
