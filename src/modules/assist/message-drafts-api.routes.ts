import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/http/app-error.ts';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import type { AppServices } from '../../platform/services.ts';
import { requireSignedIn } from '../identity/index.ts';
import { authorizeRegistry, programMunicipality } from '../registry/index.ts';
import { assistMessageDrafts } from './assist.tables.ts';
import { messageDraftSchema } from './messages/message-draft.ts';
import { announceApprovedDraft } from './use-cases/announce-approved-draft.ts';
import { approveMessageDraft } from './use-cases/approve-message-draft.ts';
import { draftProgramMessages } from './use-cases/draft-program-messages.ts';
import { editMessageDraft } from './use-cases/edit-message-draft.ts';

const TAGS = ['assist'];
const idParams = z.object({ id: z.uuid() });
const draftResult = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  status: z.enum(['draft', 'approved']),
  generator: z.enum(['template', 'llm']),
  texts: z.unknown(),
  variables: z.array(z.string()),
  template: z
    .object({ key: z.string(), version: z.number().int() })
    .nullable()
    .describe('the notify template version the approval saved'),
  notices: z.array(z.object({ en: z.string(), ja: z.string() })).optional(),
});
const view = (row: typeof assistMessageDrafts.$inferSelect & { notices?: { en: string; ja: string }[] }) => ({
  id: row.id,
  programId: row.programId,
  status: row.status,
  generator: row.generator,
  texts: row.texts,
  variables: row.variables,
  template:
    row.templateKey && row.templateVersion != null ? { key: row.templateKey, version: row.templateVersion } : null,
  ...(row.notices ? { notices: row.notices } : {}),
});

/** Notice drafts from a program: create (template or model), edit within the channel limits, approve. */
export async function messageDraftsApiRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = problemResponses(400, 401, 403, 404, 409);
  const draftMunicipality = async (id: string) => {
    const [row] = await services.db
      .select({ id: assistMessageDrafts.programId, municipalityCode: assistMessageDrafts.municipalityCode })
      .from(assistMessageDrafts)
      .where(eq(assistMessageDrafts.id, id));
    if (!row) throw notFound({ en: `No message draft has the id ${id}.`, ja: `ID ${id} の文案はありません。` });
    return row;
  };

  r.post(
    '/api/v1/staff/assist/programs/:id/message-drafts',
    {
      schema: {
        tags: TAGS,
        summary: 'Draft LINE, Web Push and e-mail notices in ja, en and やさしい日本語 (registry.edit)',
        params: idParams,
        response: { 201: draftResult, ...errors },
      },
    },
    async (request, reply) => {
      const program = await programMunicipality(services, request.params.id);
      const actor = await authorizeRegistry(services, requireSignedIn(request), 'registry.edit', request.id, program);
      const draft = await draftProgramMessages(services, { actor, programId: program.id, requestId: request.id });
      return reply.status(201).send(view(draft));
    },
  );

  r.put(
    '/api/v1/staff/assist/message-drafts/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Edit a draft (channel limits checked)',
        params: idParams,
        body: z.object({ texts: messageDraftSchema }),
        response: { 200: draftResult, ...errors },
      },
    },
    async (request) => {
      const target = await draftMunicipality(request.params.id);
      const actor = await authorizeRegistry(services, requireSignedIn(request), 'registry.edit', request.id, target);
      return view(await editMessageDraft(services, { actor, draftId: request.params.id, texts: request.body.texts }));
    },
  );

  r.post(
    '/api/v1/staff/assist/message-drafts/:id/approve',
    {
      schema: {
        tags: TAGS,
        summary:
          "Approve a draft: its texts become a new version of notify's program-announcement template (registry.edit + notice.send)",
        params: idParams,
        response: { 200: draftResult, ...errors },
      },
    },
    async (request) => {
      const target = await draftMunicipality(request.params.id);
      const actor = await authorizeRegistry(services, requireSignedIn(request), 'registry.edit', request.id, target);
      return view(await approveMessageDraft(services, { actor, draftId: request.params.id, requestId: request.id }));
    },
  );

  r.post(
    '/api/v1/staff/assist/message-drafts/:id/announcements',
    {
      schema: {
        tags: TAGS,
        summary:
          "Hand an approved draft to notify as a staff announcement to the program's age window (a second staff member approves it in notify)",
        params: idParams,
        body: z.object({ sendAt: z.iso.datetime({ offset: true }) }).strict(),
        response: {
          201: z.object({
            id: z.uuid(),
            targeted: z.number().int(),
            status: z.literal('draft'),
            template: z.object({ key: z.string(), version: z.number().int() }),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const target = await draftMunicipality(request.params.id);
      const actor = await authorizeRegistry(services, requireSignedIn(request), 'registry.edit', request.id, target);
      const announcement = await announceApprovedDraft(services, {
        actor,
        draftId: request.params.id,
        sendAt: new Date(request.body.sendAt),
        requestId: request.id,
      });
      return reply.status(201).send(announcement);
    },
  );
}
