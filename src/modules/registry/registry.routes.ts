import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import type { AppServices } from '../../platform/services.ts';
import { ATTRIBUTION, ATTRIBUTION_HEADERS } from './attribution.ts';
import { programsPageRoutes } from './pages/programs-page.routes.ts';
import {
  changesQuerySchema,
  changesResultSchema,
  programDetailSchema,
  searchQuerySchema,
  searchResultSchema,
} from './registry.schemas.ts';
import { registryReadRateLimit } from './registry-rate-limit.ts';
import { registryReadCache } from './registry-read-cache.ts';
import { staffRegistryRoutes } from './staff/staff-registry.routes.ts';
import { staffRegistryApiRoutes } from './staff/staff-registry-api.routes.ts';
import { exportProgramsCsv, exportProgramsJson } from './use-cases/export-programs.ts';
import { getProgram } from './use-cases/get-program.ts';
import { listChanges } from './use-cases/list-changes.ts';
import { searchProgramsJson } from './use-cases/search-programs.ts';

const TAGS = ['registry'];
const ATTRIBUTION_JSON = JSON.stringify(ATTRIBUTION);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Conditional GET for every public read: the registry's version is its newest change (plus the Tokyo date, since
 * effective dates move the result without a change). Returns the stamp, or null when a 304 was sent.
 */
async function conditional(services: AppServices, request: FastifyRequest, reply: FastifyReply) {
  const stamp = await registryReadCache(services).current();
  reply.header('etag', stamp.etag).header('cache-control', 'public, max-age=60');
  if (stamp.lastModified) reply.header('last-modified', stamp.lastModified);
  const inm = request.headers['if-none-match'];
  const ims = request.headers['if-modified-since'];
  const fresh = inm
    ? inm.split(',').some((tag) => tag.trim() === stamp.etag || tag.trim() === '*')
    : Boolean(ims && stamp.lastModified && Date.parse(stamp.lastModified) <= Date.parse(ims));
  if (fresh) {
    reply.code(304).send();
    return null;
  }
  return stamp;
}

export async function registryRoutes(app: FastifyInstance, services: AppServices) {
  await app.register(async (api) => {
    api.addHook('onSend', async (_request, reply) => {
      reply.headers(ATTRIBUTION_HEADERS);
    });
    const r = api.withTypeProvider<ZodTypeProvider>();
    const config = registryReadRateLimit(services);

    r.get(
      '/api/v1/programs',
      {
        config,
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
        const stamp = await conditional(services, request, reply);
        if (!stamp) return reply;
        const cache = registryReadCache(services);
        let entry = cache.response(request.url, stamp.etag);
        if (!entry) {
          const result = await searchProgramsJson(services, request.query);
          // Assembled from the stored summaries (checked against searchResultSchema in the tests, not per request),
          // and kept encoded, so a repeated search costs neither a query nor a serialisation.
          entry = cache.remember(
            request.url,
            stamp.etag,
            Buffer.from(
              `{"items":[${result.itemsJson.join(',')}],"nextCursor":${JSON.stringify(result.nextCursor)},"total":${result.total},"unknownAge":"${result.unknownAge}","attribution":${ATTRIBUTION_JSON}}`,
            ),
          );
        }
        reply.type('application/json; charset=utf-8').header('vary', 'Accept-Encoding');
        // Japanese JSON shrinks several-fold; the compressed copy is made once per cached response.
        if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '') && entry.body.length > 1024) {
          // Level 1: most of the gain for JSON at a fraction of the CPU, which a cache miss pays on the event loop.
          const gzip = entry.gzip ?? cache.compressed(entry, gzipSync(entry.body, { level: 1 }));
          return reply.header('content-encoding', 'gzip').send(gzip as never);
        }
        return reply.send(entry.body as never);
      },
    );

    r.get(
      '/api/v1/programs/changes',
      {
        config,
        schema: {
          tags: TAGS,
          summary: 'Change feed: created, updated and retired programs after a cursor, in order',
          querystring: changesQuerySchema,
          response: { 200: changesResultSchema, ...problemResponses(400) },
        },
      },
      async (request, reply) => {
        if (!(await conditional(services, request, reply))) return reply;
        return { ...(await listChanges(services, request.query)), attribution: ATTRIBUTION };
      },
    );

    r.get(
      '/api/v1/programs/export.json',
      {
        config,
        schema: {
          tags: TAGS,
          summary: 'Every published program in the shape of Tokyo’s 130001_kosodateshienseido_tokyo.json',
          description:
            'A JSON array like the official file; the CC BY attribution is in the X-Attribution and Link headers.',
          response: { 200: z.array(z.unknown()) },
        },
      },
      async (request, reply) => {
        if (!(await conditional(services, request, reply))) return reply;
        reply.header('content-disposition', 'attachment; filename="tsunagu-programs.json"');
        return exportProgramsJson(services);
      },
    );

    r.get(
      '/api/v1/programs/export.csv',
      {
        config,
        schema: {
          tags: TAGS,
          summary: 'Every published program as CSV (UTF-8 with BOM, or Shift_JIS)',
          querystring: z.object({ encoding: z.enum(['utf-8', 'shift_jis']).default('utf-8') }),
          response: { ...problemResponses(400) },
        },
      },
      async (request, reply) => {
        if (!(await conditional(services, request, reply))) return reply;
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
        config,
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
        if (!(await conditional(services, request, reply))) return reply;
        return { ...(await getProgram(services, request.params.id)), attribution: ATTRIBUTION };
      },
    );
  });
  await programsPageRoutes(app, services);
  await staffRegistryRoutes(app, services);
  await staffRegistryApiRoutes(app, services);
}
