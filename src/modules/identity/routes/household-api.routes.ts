import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../../platform/http/problem-schema.ts';
import type { AppServices } from '../../../platform/services.ts';
import { notAParent } from '../household-errors.ts';
import {
  childInputSchema,
  childPatchSchema,
  childSchema,
  householdSchema,
  moveInputSchema,
  pregnancyInputSchema,
  pregnancyPatchSchema,
  pregnancySchema,
} from '../identity.schemas.ts';
import { requireSignedIn } from '../sessions/auth-hook.ts';
import { changeResidence } from '../use-cases/change-residence.ts';
import { getHousehold } from '../use-cases/get-household.ts';
import { registerChild } from '../use-cases/register-child.ts';
import { registerPregnancy } from '../use-cases/register-pregnancy.ts';
import { updateChild } from '../use-cases/update-child.ts';
import { updatePregnancy } from '../use-cases/update-pregnancy.ts';
import type { UseCaseContext } from '../use-cases/use-case-context.ts';

const TAGS = ['identity'];

/** The signed-in parent's own household, and staff access to households of their municipality. */
export async function householdApiRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest): UseCaseContext => ({
    services,
    actor: requireSignedIn(request),
    requestId: request.id,
  });
  const ownHousehold = (request: FastifyRequest) => {
    const context = ctx(request);
    if (context.actor.type !== 'parent' || !context.actor.householdId) throw notAParent();
    return { context, householdId: context.actor.householdId };
  };

  r.get(
    '/api/v1/me/household',
    {
      schema: {
        tags: TAGS,
        summary: 'The signed-in parent’s household',
        response: { 200: householdSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const { context, householdId } = ownHousehold(request);
      return getHousehold(context, { householdId });
    },
  );

  r.post(
    '/api/v1/me/household/children',
    {
      schema: {
        tags: TAGS,
        summary: 'Add a child to the household',
        body: childInputSchema,
        response: { 201: childSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return registerChild(ctx(request), request.body);
    },
  );

  r.patch(
    '/api/v1/me/household/children/:childId',
    {
      schema: {
        tags: TAGS,
        summary: 'Edit a child of the household',
        params: z.object({ childId: z.uuid() }),
        body: childPatchSchema,
        response: { 200: childSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { context } = ownHousehold(request);
      return updateChild(context, { childId: request.params.childId, changes: request.body });
    },
  );

  r.post(
    '/api/v1/me/household/pregnancies',
    {
      schema: {
        tags: TAGS,
        summary: 'Record a pregnancy',
        body: pregnancyInputSchema,
        response: { 201: pregnancySchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return registerPregnancy(ctx(request), request.body);
    },
  );

  r.patch(
    '/api/v1/me/household/pregnancies/:pregnancyId',
    {
      schema: {
        tags: TAGS,
        summary: 'Change the due date, or close a pregnancy (delivered / ended)',
        params: z.object({ pregnancyId: z.uuid() }),
        body: pregnancyPatchSchema,
        response: { 200: pregnancySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { context } = ownHousehold(request);
      return updatePregnancy(context, { pregnancyId: request.params.pregnancyId, ...request.body });
    },
  );

  r.post(
    '/api/v1/me/household/moves',
    {
      schema: {
        tags: TAGS,
        summary: 'Record a move to another Tokyo municipality',
        body: moveInputSchema,
        response: { 204: z.null(), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await changeResidence(ctx(request), request.body);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/staff/households/:householdId',
    {
      schema: {
        tags: TAGS,
        summary: 'A household of the staff member’s municipality (audited)',
        params: z.object({ householdId: z.uuid() }),
        querystring: z.object({ purpose: z.string().trim().min(1).max(200).optional() }),
        response: { 200: householdSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      getHousehold(ctx(request), {
        householdId: request.params.householdId,
        ...(request.query.purpose ? { purpose: request.query.purpose } : {}),
      }),
  );

  r.patch(
    '/api/v1/staff/children/:childId',
    {
      schema: {
        tags: TAGS,
        summary: 'Correct a child’s record (staff of the child’s municipality)',
        params: z.object({ childId: z.uuid() }),
        body: childPatchSchema,
        response: { 200: childSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => updateChild(ctx(request), { childId: request.params.childId, changes: request.body }),
  );
}
