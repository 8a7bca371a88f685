import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import { municipalityCodeSchema, municipalityListSchema, municipalitySchema } from './municipalities.schemas.ts';
import { MUNICIPALITY_KINDS } from './municipality-catalog.ts';
import { getMunicipality } from './use-cases/get-municipality.ts';
import { listMunicipalities } from './use-cases/list-municipalities.ts';

export async function municipalitiesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/municipalities',
    {
      schema: {
        tags: ['municipalities'],
        summary: 'Tokyo and its 62 municipalities',
        querystring: z.object({ kind: z.enum(MUNICIPALITY_KINDS).optional() }),
        response: { 200: municipalityListSchema, ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return listMunicipalities(request.query);
    },
  );
  r.get(
    '/api/v1/municipalities/:code',
    {
      schema: {
        tags: ['municipalities'],
        summary: 'One municipality by its 全国地方公共団体コード',
        params: z.object({ code: municipalityCodeSchema }),
        response: { 200: municipalitySchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return getMunicipality(request.params.code);
    },
  );
}
