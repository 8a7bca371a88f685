import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { AppError, fieldError, notFound } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { authorizeRegistry, getStaffProgram, programMunicipality, type RegistryActor } from '../../registry/index.ts';
import { assistMessageDrafts } from '../assist.tables.ts';
import { CHANNELS, MESSAGE_LANGS, type MessageDraft, messageDraftSchema } from '../messages/message-draft.ts';
import { claimExpired } from '../proposal-status.ts';
import { inScope, listProposals } from '../proposals.repository.ts';
import { announceApprovedDraft } from '../use-cases/announce-approved-draft.ts';
import { approveMessageDraft } from '../use-cases/approve-message-draft.ts';
import { draftProgramMessages } from '../use-cases/draft-program-messages.ts';
import { editMessageDraft } from '../use-cases/edit-message-draft.ts';
import { getMessageDraft, listMessageDrafts } from '../use-cases/list-message-drafts.ts';
import { proposalProgram } from '../use-cases/proposal-program.ts';
import { resumeProposal } from '../use-cases/resume-proposal.ts';
import { messageDraftListPage, messageDraftPage } from './message-draft-pages.tsx';
import { pageErrors } from './page-errors.ts';
import { proposalListPage } from './proposal-list-page.tsx';

const idParams = z.object({ id: z.uuid() });
const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** The form's `ja.line`, `en.pushTitle`, … fields as a draft, checked against the channel limits. */
function textsFromForm(body: Record<string, string | string[]>): MessageDraft {
  const raw: Record<string, Record<string, string>> = {};
  for (const lang of MESSAGE_LANGS) {
    raw[lang] = {};
    for (const channel of CHANNELS) {
      const value = body[`${lang}.${channel}`];
      raw[lang][channel] = (Array.isArray(value) ? value[0] : value) ?? '';
    }
  }
  const parsed = messageDraftSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) =>
    fieldError(`body.texts.${issue.path.join('.')}`, {
      en: issue.message,
      ja: `入力が正しくありません（${issue.message}）`,
    }),
  );
  throw new AppError(
    'assist-draft-invalid',
    400,
    { en: 'Some texts are over their channel limits or empty.', ja: '上限を超えた文面、または空の文面があります。' },
    errors,
  );
}

/**
 * Staff pages for notice drafts (list, edit, approve into a notify template) and for a program's proposals (list
 * with status; an interrupted apply can be resumed). Server-rendered, no JavaScript needed, CSRF on every form.
 */
export async function draftPageRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const signedInStaff = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'staff') return request.actor;
    void reply.redirect('/staff/sign-in', 303);
    return undefined;
  };
  const draftActor = async (request: FastifyRequest, actor: Actor, id: string): Promise<RegistryActor> => {
    const [row] = await services.db
      .select({ id: assistMessageDrafts.programId, municipalityCode: assistMessageDrafts.municipalityCode })
      .from(assistMessageDrafts)
      .where(eq(assistMessageDrafts.id, id));
    if (!row) throw notFound({ en: `No message draft has the id ${id}.`, ja: `ID ${id} の文案はありません。` });
    return authorizeRegistry(services, actor, 'registry.edit', request.id, row);
  };

  const renderProposals = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    programId: string,
    errors: string[],
    status = 200,
  ) => {
    const program = await programMunicipality(services, programId);
    const registryActor = await authorizeRegistry(services, actor, 'registry.edit', request.id, program);
    const staffProgram = await getStaffProgram(services, { actor: registryActor, programId });
    const now = services.now();
    const rows = await inScope(services, registryActor, (tx) => listProposals(tx, programId));
    const proposals = rows.map((p) => ({ ...p, stuck: p.status === 'applying' && claimExpired(p.claimedAt, now) }));
    const csrfToken = reply.generateCsrf();
    const name = staffProgram.open?.data.name ?? staffProgram.data.name;
    return sendPage(
      request,
      reply,
      (lang) => proposalListPage(lang, { csrfToken, program: { id: programId, name }, proposals, errors }),
      status,
    );
  };

  r.get(
    '/staff/assist/programs/:id/proposals',
    { schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      return renderProposals(request, reply, actor, request.params.id, []);
    },
  );

  r.post(
    '/staff/assist/proposals/:id/resume',
    { schema: { hide: true, params: idParams, body: formBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const program = await proposalProgram(services, request.params.id);
      try {
        const registryActor = await authorizeRegistry(services, actor, 'registry.edit', request.id, program);
        await resumeProposal(services, { actor: registryActor, proposalId: request.params.id, requestId: request.id });
        return reply.redirect(`/staff/assist/proposals/${request.params.id}`, 303);
      } catch (error) {
        const status = error instanceof AppError ? error.status : 400;
        return renderProposals(request, reply, actor, program.id, pageErrors(error, request), status);
      }
    },
  );

  r.post(
    '/staff/assist/programs/:id/message-drafts',
    { schema: { hide: true, params: idParams, body: formBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const program = await programMunicipality(services, request.params.id);
      const registryActor = await authorizeRegistry(services, actor, 'registry.edit', request.id, program);
      const draft = await draftProgramMessages(services, {
        actor: registryActor,
        programId: program.id,
        requestId: request.id,
      });
      return reply.redirect(`/staff/assist/message-drafts/${draft.id}`, 303);
    },
  );

  r.get('/staff/assist/message-drafts', { schema: { hide: true } }, async (request, reply) => {
    const actor = signedInStaff(request, reply);
    if (!actor) return reply;
    const registryActor = await authorizeRegistry(services, actor, 'registry.edit', request.id);
    const drafts = await listMessageDrafts(services, { actor: registryActor });
    return sendPage(request, reply, (lang) => messageDraftListPage(lang, { drafts }));
  });

  const renderDraft = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    extra: { errors: string[]; saved: boolean; texts?: MessageDraft; announced?: number | null },
    status = 200,
  ) => {
    const registryActor = await draftActor(request, actor, id);
    const draft = await getMessageDraft(services, { actor: registryActor, draftId: id });
    if (!draft) throw notFound({ en: `No message draft has the id ${id}.`, ja: `ID ${id} の文案はありません。` });
    const csrfToken = reply.generateCsrf();
    // After a refused edit, show what was typed, not the stored texts.
    const shown = extra.texts ? { ...draft, texts: extra.texts } : draft;
    return sendPage(
      request,
      reply,
      (lang) =>
        messageDraftPage(lang, {
          csrfToken,
          draft: shown,
          errors: extra.errors,
          saved: extra.saved,
          announced: extra.announced ?? null,
          defaultSendAt: Temporal.Instant.fromEpochMilliseconds(services.now().getTime() + 60 * 60 * 1000)
            .toZonedDateTimeISO('Asia/Tokyo')
            .toPlainDateTime()
            .toString({ smallestUnit: 'minute' }),
        }),
      status,
    );
  };

  r.get(
    '/staff/assist/message-drafts/:id',
    {
      schema: {
        hide: true,
        params: idParams,
        querystring: z.object({ saved: z.string().optional(), announced: z.coerce.number().int().min(0).optional() }),
      },
    },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      return renderDraft(request, reply, actor, request.params.id, {
        errors: [],
        saved: request.query.saved === '1',
        announced: request.query.announced ?? null,
      });
    },
  );

  r.post(
    '/staff/assist/message-drafts/:id',
    {
      schema: { hide: true, params: idParams, body: formBody },
      preHandler: app.csrfProtection,
      // Three languages of LINE and e-mail text, percent-encoded: more than the site-wide 64 KB form limit.
      bodyLimit: 1024 * 1024,
    },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const registryActor = await draftActor(request, actor, request.params.id);
      let texts: MessageDraft | undefined;
      try {
        texts = textsFromForm(request.body);
        await editMessageDraft(services, { actor: registryActor, draftId: request.params.id, texts });
        return reply.redirect(`/staff/assist/message-drafts/${request.params.id}?saved=1`, 303);
      } catch (error) {
        const status = error instanceof AppError ? error.status : 400;
        const errors = pageErrors(error, request);
        return renderDraft(request, reply, actor, request.params.id, { errors, saved: false, texts }, status);
      }
    },
  );

  r.post(
    '/staff/assist/message-drafts/:id/approve',
    { schema: { hide: true, params: idParams, body: formBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const registryActor = await draftActor(request, actor, request.params.id);
      try {
        await approveMessageDraft(services, {
          actor: registryActor,
          draftId: request.params.id,
          requestId: request.id,
        });
        return reply.redirect(`/staff/assist/message-drafts/${request.params.id}`, 303);
      } catch (error) {
        const status = error instanceof AppError ? error.status : 400;
        const errors = pageErrors(error, request);
        return renderDraft(request, reply, actor, request.params.id, { errors, saved: false }, status);
      }
    },
  );

  r.post(
    '/staff/assist/message-drafts/:id/announce',
    { schema: { hide: true, params: idParams, body: formBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const registryActor = await draftActor(request, actor, request.params.id);
      try {
        const sendAt = sendAtFromForm(request.body.sendAt);
        const made = await announceApprovedDraft(services, {
          actor: registryActor,
          draftId: request.params.id,
          sendAt,
          requestId: request.id,
        });
        return reply.redirect(`/staff/assist/message-drafts/${request.params.id}?announced=${made.targeted}`, 303);
      } catch (error) {
        const status = error instanceof AppError ? error.status : 400;
        const errors = pageErrors(error, request);
        return renderDraft(request, reply, actor, request.params.id, { errors, saved: false }, status);
      }
    },
  );
}

/** The form's datetime-local, read as Tokyo time (the staff's wall clock). */
function sendAtFromForm(value: string | string[] | undefined): Date {
  const text = Array.isArray(value) ? value[0] : value;
  try {
    const local = Temporal.PlainDateTime.from(text ?? '', { overflow: 'reject' });
    return new Date(local.toZonedDateTime('Asia/Tokyo').epochMilliseconds);
  } catch {
    const msg = { en: 'Give the date and time to send.', ja: '送信する日時を入力してください。' };
    throw new AppError('assist-send-at-invalid', 400, msg, [fieldError('body.sendAt', msg)]);
  }
}
