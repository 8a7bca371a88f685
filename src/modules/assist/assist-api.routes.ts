import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, fieldError } from '../../platform/http/app-error.ts';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import type { AppServices } from '../../platform/services.ts';
import { requireSignedIn } from '../identity/index.ts';
import { authorizeRegistry, programMunicipality } from '../registry/index.ts';
import { decisionsSchema } from './proposal-decisions.ts';
import type { SourceInput } from './source/read-source.ts';
import { SOURCE_LIMITS } from './source/source-limits.ts';
import { createProposal } from './use-cases/create-proposal.ts';
import { decideProposal } from './use-cases/decide-proposal.ts';
import { getProposal } from './use-cases/get-proposal.ts';
import { proposalProgram } from './use-cases/proposal-program.ts';
import { resumeProposal } from './use-cases/resume-proposal.ts';

const TAGS = ['assist'];
const idParams = z.object({ id: z.uuid() });
const decideResult = z.object({
  proposalId: z.uuid(),
  programId: z.uuid(),
  status: z
    .enum(['applied', 'discarded', 'open'])
    .describe('open: resumed a claim without stored decisions; decide again'),
  version: z.number().int().nullable(),
  accepted: z.array(z.string()),
});
const evidence = z.object({ start: z.number().int(), end: z.number().int(), quote: z.string() });
const proposalBody = z
  .object({
    text: z.string().optional().describe('pasted text or the HTML of a saved page'),
    url: z.string().optional().describe('a public http(s) page or PDF to fetch'),
    pdfBase64: z.string().optional().describe('a PDF, base64'),
    name: z.string().max(500).optional(),
  })
  .describe('exactly one of text, url, pdfBase64');
const proposalResult = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  status: z.string(),
  extractor: z.enum(['deterministic', 'llm']),
  notices: z.array(z.object({ en: z.string(), ja: z.string() })),
  diff: z.array(
    z.object({
      field: z.string(),
      applicable: z.boolean(),
      current: z.unknown(),
      proposed: z.unknown(),
      changed: z.boolean(),
      evidence: z.array(evidence),
    }),
  ),
});

function sourceFrom(body: z.infer<typeof proposalBody>): SourceInput {
  const given = (['text', 'url', 'pdfBase64'] as const).filter((k) => body[k] != null && body[k] !== '');
  if (given.length !== 1) {
    const text = {
      en: 'Give exactly one of text, url or pdfBase64.',
      ja: 'text・url・pdfBase64 のいずれか一つを指定してください。',
    };
    throw new AppError('assist-source-missing', 400, text, [fieldError('body', text)]);
  }
  if (body.url) return { kind: 'url', url: body.url };
  if (body.pdfBase64) return { kind: 'file', bytes: Buffer.from(body.pdfBase64, 'base64'), name: body.name ?? null };
  return { kind: 'text', text: body.text!, name: body.name ?? null };
}

/**
 * JSON routes for registry proposals (cookie session, JSON bodies only). `registry.edit` on the program's
 * municipality is authorized (audited) before anything is read or fetched.
 */
export async function assistApiRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = problemResponses(400, 401, 403, 404, 409, 413, 422, 502, 504);
  const view = async (actor: Awaited<ReturnType<typeof authorizeRegistry>>, proposalId: string) => {
    const { proposal, diff } = await getProposal(services, { actor, proposalId });
    return {
      id: proposal.id,
      programId: proposal.programId,
      status: proposal.status,
      extractor: proposal.extractor,
      notices: proposal.notices,
      diff,
    };
  };

  r.post(
    '/api/v1/staff/assist/programs/:id/proposals',
    {
      bodyLimit: Math.ceil((SOURCE_LIMITS.pdfBytes * 4) / 3) + 64 * 1024,
      schema: {
        tags: TAGS,
        summary: 'Propose registry updates for a program from a page, a PDF or text (registry.edit)',
        params: idParams,
        body: proposalBody,
        response: { 201: proposalResult, ...errors },
      },
    },
    async (request, reply) => {
      const program = await programMunicipality(services, request.params.id);
      const actor = await authorizeRegistry(services, requireSignedIn(request), 'registry.edit', request.id, program);
      const created = await createProposal(services, {
        actor,
        programId: program.id,
        source: sourceFrom(request.body),
        requestId: request.id,
      });
      return reply.status(201).send(await view(actor, created.id));
    },
  );

  r.get(
    '/api/v1/staff/assist/proposals/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'A proposal with its field diff and evidence',
        params: idParams,
        response: { 200: proposalResult, ...errors },
      },
    },
    async (request) => {
      const program = await proposalProgram(services, request.params.id);
      const actor = await authorizeRegistry(services, requireSignedIn(request), 'registry.edit', request.id, program);
      return view(actor, request.params.id);
    },
  );

  r.post(
    '/api/v1/staff/assist/proposals/:id/decisions',
    {
      schema: {
        tags: TAGS,
        summary: 'Accept, edit or reject each field; accepted ones become a registry draft in review',
        params: idParams,
        body: z.object({ decisions: decisionsSchema }),
        response: { 200: decideResult, ...errors },
      },
    },
    async (request) => {
      const program = await proposalProgram(services, request.params.id);
      const actor = await authorizeRegistry(services, requireSignedIn(request), 'registry.edit', request.id, program);
      return decideProposal(services, {
        actor,
        proposalId: request.params.id,
        decisions: request.body.decisions,
        requestId: request.id,
      });
    },
  );

  r.post(
    '/api/v1/staff/assist/proposals/:id/resume',
    {
      schema: {
        tags: TAGS,
        summary:
          'Resume a proposal left applying by a crashed process (after the lease); re-applies its stored decisions',
        params: idParams,
        response: { 200: decideResult, ...errors },
      },
    },
    async (request) => {
      const program = await proposalProgram(services, request.params.id);
      const actor = await authorizeRegistry(services, requireSignedIn(request), 'registry.edit', request.id, program);
      return resumeProposal(services, { actor, proposalId: request.params.id, requestId: request.id });
    },
  );
}
