import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../../platform/http/problem-schema.ts';
import type { AppServices } from '../../../platform/services.ts';
import { checkupResultView } from './checkup-results.repository.ts';
import {
  checkupResultSchema,
  clinicCheckupRequestSchema,
  municipalityCheckupRequestSchema,
} from './checkup-results.schemas.ts';
import { listHouseholdCheckupResults, listOwnCheckupResults } from './list-checkup-results.ts';
import { recordCheckupByClinic } from './record-checkup-by-clinic.ts';
import { recordCheckupByMunicipality } from './record-checkup-by-municipality.ts';

/** 乳幼児健診 / 妊婦健診 results: recorded by the municipality or a clinic, read by the parent and the municipality. */
export async function checkupApiRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => ({ services, actor: request.actor, requestId: request.id });

  r.post(
    '/api/v1/health/checkup-results',
    {
      schema: {
        tags: ['health'],
        summary: 'The municipality records a 乳幼児健診 or 妊婦健診 result (health officer of the municipality)',
        body: municipalityCheckupRequestSchema,
        response: { 201: checkupResultSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(checkupResultView(await recordCheckupByMunicipality(ctx(request), request.body))),
  );

  r.post(
    '/api/v1/health/visits/:visitId/checkup-results',
    {
      schema: {
        tags: ['health'],
        summary: 'A clinic records a 乳幼児健診 result during a visit opened with the parent’s code',
        params: z.object({ visitId: z.uuid() }),
        body: clinicCheckupRequestSchema,
        response: { 201: checkupResultSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(checkupResultView(await recordCheckupByClinic(ctx(request), request.params.visitId, request.body))),
  );

  r.get(
    '/api/v1/health/checkup-results',
    {
      schema: {
        tags: ['health'],
        summary: 'The signed-in parent’s check-up results (children and pregnancies of the household)',
        response: { 200: z.array(checkupResultSchema), ...problemResponses(401, 403) },
      },
    },
    async (request) => (await listOwnCheckupResults(ctx(request))).map(checkupResultView),
  );

  r.get(
    '/api/v1/health/households/:householdId/checkup-results',
    {
      schema: {
        tags: ['health'],
        summary: 'A household’s check-up results for the health officer of its municipality (audited)',
        params: z.object({ householdId: z.uuid() }),
        response: { 200: z.array(checkupResultSchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      (await listHouseholdCheckupResults(ctx(request), request.params.householdId)).map(checkupResultView),
  );
}
