import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../../platform/http/problem-schema.ts';
import type { AppServices } from '../../../platform/services.ts';
import { requireSignedIn } from '../../identity/index.ts';
import { newProgramSchema, programChangesSchema } from '../program-input.ts';
import { PROGRAM_STATUSES } from '../program-status.ts';
import { programMunicipality } from '../use-cases/get-staff-program.ts';
import { listProgramVersions } from '../use-cases/list-program-versions.ts';
import { listStaffPrograms, STAFF_PROGRAM_FILTERS } from '../use-cases/list-staff-programs.ts';
import { retireProgram } from '../use-cases/retire-program.ts';
import { reviewProgramVersion } from '../use-cases/review-program-version.ts';
import { createProgramDraft, editProgramDraft } from '../use-cases/save-program-draft.ts';
import { submitProgramVersion } from '../use-cases/submit-program-version.ts';
import { authorizeConsole, authorizeRegistry } from './staff-registry-actor.ts';

const TAGS = ['registry-staff'];
const BASE = '/api/v1/staff/registry/programs';
const status = z.enum(PROGRAM_STATUSES);
const idParams = z.object({ id: z.uuid() });
const versionParams = idParams.extend({ version: z.coerce.number().int().min(1) });
const versionResult = z.object({ programId: z.uuid(), version: z.number().int() });
const stepResult = versionResult.extend({ status });
const diffSchema = z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }));

/**
 * The console's actions as JSON for staff tools (cookie session; JSON bodies only, which is what protects them from
 * cross-site forms). Same checks as the pages: `authorize` first, then the workflow use case.
 */
export async function staffRegistryApiRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = problemResponses(400, 401, 403, 404, 409);

  r.get(
    BASE,
    {
      schema: {
        tags: TAGS,
        summary: 'Programs of the signed-in staff member’s municipality (Tokyo-wide staff: all)',
        querystring: z.object({
          status: z.enum(STAFF_PROGRAM_FILTERS).default('all'),
          q: z.string().max(200).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                psid: z.string(),
                municipalityCode: z.string(),
                name: z.string(),
                status,
                origin: z.enum(['import', 'staff']),
                openVersion: z.object({ version: z.number().int(), status }).nullable(),
                updatedAt: z.string(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const actor = await authorizeConsole(services, requireSignedIn(request), request.id);
      return { items: await listStaffPrograms(services, { actor, filter: request.query.status, q: request.query.q }) };
    },
  );

  r.post(
    BASE,
    {
      schema: {
        tags: TAGS,
        summary: 'Create a program as a draft (registry.edit)',
        body: newProgramSchema,
        response: { 201: versionResult, ...errors },
      },
    },
    async (request, reply) => {
      const actor = await authorizeRegistry(services, requireSignedIn(request), 'registry.edit', request.id, {
        municipalityCode: request.body.municipalityCode,
      });
      const created = await createProgramDraft(services, { actor, program: request.body, requestId: request.id });
      return reply.code(201).send(created);
    },
  );

  r.patch(
    `${BASE}/:id`,
    {
      schema: {
        tags: TAGS,
        summary: 'Edit the open draft, or open a new draft version of a published program (registry.edit)',
        params: idParams,
        body: programChangesSchema.partial(),
        response: { 200: versionResult, ...errors },
      },
    },
    async (request) => {
      const program = await programMunicipality(services, request.params.id);
      const actor = await authorizeRegistry(services, requireSignedIn(request), 'registry.edit', request.id, program);
      return editProgramDraft(services, { actor, programId: program.id, changes: request.body, requestId: request.id });
    },
  );

  r.get(
    `${BASE}/:id/versions`,
    {
      schema: {
        tags: TAGS,
        summary: 'Version history, newest first, each with its field diff',
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                version: z.number().int(),
                status,
                diff: diffSchema,
                effectiveFrom: z.string().nullable(),
                effectiveTo: z.string().nullable(),
                createdBy: z.string(),
                submittedBy: z.string().nullable(),
                reviewedBy: z.string().nullable(),
                createdAt: z.string(),
                publishedAt: z.string().nullable(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const program = await programMunicipality(services, request.params.id);
      const actor = await authorizeConsole(services, requireSignedIn(request), request.id);
      await authorizeRegistry(
        services,
        requireSignedIn(request),
        actor.roles.includes('registry-editor') ? 'registry.edit' : 'registry.approve',
        request.id,
        program,
      );
      return { items: await listProgramVersions(services, { actor, programId: program.id, requestId: request.id }) };
    },
  );

  r.post(
    `${BASE}/:id/versions/:version/submit`,
    {
      schema: {
        tags: TAGS,
        summary: 'Submit a draft version for review (registry.edit)',
        params: versionParams,
        response: { 200: stepResult, ...errors },
      },
    },
    async (request) => {
      const program = await programMunicipality(services, request.params.id);
      const actor = await authorizeRegistry(services, requireSignedIn(request), 'registry.edit', request.id, program);
      return submitProgramVersion(services, {
        actor,
        programId: program.id,
        version: request.params.version,
        requestId: request.id,
      });
    },
  );

  r.post(
    `${BASE}/:id/versions/:version/review`,
    {
      schema: {
        tags: TAGS,
        summary: 'Approve (publish) or send back a version in review (registry.approve; never its own author)',
        params: versionParams,
        body: z.object({ decision: z.enum(['approve', 'return']) }),
        response: { 200: stepResult, ...errors },
      },
    },
    async (request) => {
      const program = await programMunicipality(services, request.params.id);
      const actor = await authorizeRegistry(
        services,
        requireSignedIn(request),
        'registry.approve',
        request.id,
        program,
      );
      const result = await reviewProgramVersion(services, {
        actor,
        programId: program.id,
        version: request.params.version,
        decision: request.body.decision,
        requestId: request.id,
      });
      return { ...result, status: result.status === 'published' ? ('published' as const) : ('draft' as const) };
    },
  );

  r.post(
    `${BASE}/:id/retire`,
    {
      schema: {
        tags: TAGS,
        summary: 'Retire a published program (registry.approve)',
        params: idParams,
        response: { 200: z.object({ programId: z.uuid(), status: z.literal('retired') }), ...errors },
      },
    },
    async (request) => {
      const program = await programMunicipality(services, request.params.id);
      const actor = await authorizeRegistry(
        services,
        requireSignedIn(request),
        'registry.approve',
        request.id,
        program,
      );
      return retireProgram(services, { actor, programId: program.id, requestId: request.id });
    },
  );
}
