import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import type { AppServices } from '../../platform/services.ts';
import { ATTRIBUTION, ATTRIBUTION_HEADERS } from './attribution.ts';
import { programsPageRoutes } from './pages/programs-page.routes.ts';
import { tokyoToday } from './program-view.ts';
import {
  changesQuerySchema,
  changesResultSchema,
  programDetailSchema,
  searchQuerySchema,
  searchResultSchema,
} from './registry.schemas.ts';
import { exportProgramsCsv, exportProgramsJson } from './use-cases/export-programs.ts';
import { getProgram } from './use-cases/get-program.ts';
import { listChanges, registryStamp } from './use-cases/list-changes.ts';
import { searchProgramsJson } from './use-cases/search-programs.ts';

const TAGS = ['registry'];
const ATTRIBUTION_JSON = JSON.stringify(ATTRIBUTION);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Conditional GET for every public read: the registry's version is its newest change (plus the Tokyo date, since
 * effective dates move the result without a change). Returns true when a 304 was sent.
 */
async function notModified(services: AppServices, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const stamp = await registryStamp(services);
  const etag = `W/"r${stamp.cursor}-${tokyoToday(services.now())}"`;
  reply.header('etag', etag).header('cache-control', 'public, max-age=60');
  if (stamp.at) reply.header('last-modified', stamp.at.toUTCString());
  const inm = request.headers['if-none-match'];
  if (inm?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    reply.code(304).send();
    return true;
  }
  const ims = request.headers['if-modified-since'];
  if (!inm && ims && stamp.at && Math.floor(stamp.at.getTime() / 1000) <= Math.floor(Date.parse(ims) / 1000)) {
    reply.code(304).send();
    return true;
  }
  return false;
}

export async function registryRoutes(app: FastifyInstance, services: AppServices) {
  await app.register(async (api) => {
    api.addHook('onSend', async (_request, reply) => {
      reply.headers(ATTRIBUTION_HEADERS);
    });
    const r = api.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/v1/programs',
      {
        schema: {
          tags: TAGS,
          summary: 'Search published support programs',
          description:
            'A municipality filter includes Tokyo-wide (130001) programs. `ageMonths` keeps programs whose age window ' +
            '[min, max) contains it; programs with an unknown window are left out unless `unknownAge=include`. ' +
            '`q` finds partial words in Japanese. Pages by `nextCursor`.',
          querystring: searchQuerySchema,
          response: { 200: searchResultSchema, ...problemResponses(400) },
        },
      },
      async (request, reply) => {
        if (await notModified(services, request, reply)) return reply;
        const result = await searchProgramsJson(services, request.query);
        // Assembled from the stored summaries (validated by programSummarySchema in the tests, not per request).
        const body = `{"items":[${result.itemsJson.join(',')}],"nextCursor":${JSON.stringify(result.nextCursor)},"total":${result.total},"unknownAge":"${result.unknownAge}","attribution":${ATTRIBUTION_JSON}}`;
        return reply
          .type('application/json; charset=utf-8')
          .serializer((payload) => payload as string)
          .send(body as never);
      },
    );

    r.get(
      '/api/v1/programs/changes',
      {
        schema: {
          tags: TAGS,
          summary: 'Change feed: created, updated and retired programs after a cursor, in order',
          querystring: changesQuerySchema,
          response: { 200: changesResultSchema, ...problemResponses(400) },
        },
      },
      async (request, reply) => {
        if (await notModified(services, request, reply)) return reply;
        return { ...(await listChanges(services, request.query)), attribution: ATTRIBUTION };
      },
    );

    r.get(
      '/api/v1/programs/export.json',
      {
        schema: {
          tags: TAGS,
          summary: 'Every published program in the shape of Tokyo’s 130001_kosodateshienseido_tokyo.json',
          description:
            'A JSON array like the official file; the CC BY attribution is in the X-Attribution and Link headers.',
          response: { 200: z.array(z.unknown()) },
        },
      },
      async (request, reply) => {
        if (await notModified(services, request, reply)) return reply;
        reply.header('content-disposition', 'attachment; filename="tsunagu-programs.json"');
        return exportProgramsJson(services);
      },
    );

    r.get(
      '/api/v1/programs/export.csv',
      {
        schema: {
          tags: TAGS,
          summary: 'Every published program as CSV (UTF-8 with BOM, or Shift_JIS)',
          querystring: z.object({ encoding: z.enum(['utf-8', 'shift_jis']).default('utf-8') }),
          response: { ...problemResponses(400) },
        },
      },
      async (request, reply) => {
        if (await notModified(services, request, reply)) return reply;
        const charset = request.query.encoding === 'utf-8' ? 'utf-8' : 'Shift_JIS';
        const body = await exportProgramsCsv(services, request.query.encoding);
        return reply
          .header('content-type', `text/csv; charset=${charset}`)
          .header('content-disposition', 'attachment; filename="tsunagu-programs.csv"')
          .send(body as never);
      },
    );

    r.get(
      '/api/v1/programs/:id',
      {
        schema: {
          tags: TAGS,
          summary: 'One program by id',
          params: z.object({
            id: z.string().refine((v) => UUID.test(v), {
              message: 'Must be a program id (UUID)',
              params: { ja: '制度 ID（UUID）を指定してください' },
            }),
          }),
          response: { 200: programDetailSchema, ...problemResponses(400, 404) },
        },
      },
      async (request, reply) => {
        if (await notModified(services, request, reply)) return reply;
        return { ...(await getProgram(services, request.params.id)), attribution: ATTRIBUTION };
      },
    );
  });
  await programsPageRoutes(app, services);
}
