import { inArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.ts';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import type { AppServices } from '../../platform/services.ts';
import { sendPage } from '../../platform/web/render-page.ts';
import { findMunicipality } from '../municipalities/index.ts';
import { nurseries } from './hokatsu.tables.ts';
import type { ComparisonLookup } from './hokatsu-pages.routes.ts';
import { latestMinimumIndices } from './nurseries/nursery.repository.ts';
import {
  nurseryDetailSchema,
  nurserySearchQuerySchema,
  nurserySearchResultSchema,
  toSearch,
} from './nurseries.schemas.ts';
import { renderNurseryDetail } from './nursery-detail.render.ts';
import { nurserySearchPage } from './pages/nursery-search-page.tsx';
import { getNursery } from './use-cases/get-nursery.ts';
import { listVisitSlots } from './use-cases/list-visit-slots.ts';
import { searchNurseries } from './use-cases/search-nurseries.ts';

const uuidParam = z.object({ id: z.uuid() });
const visitSlotSchema = z.object({
  id: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  seatsLeft: z.number().int(),
  notes: z.string().nullable(),
});

/** Municipalities that have at least one nursery, for the search form. */
async function municipalitiesWithNurseries(services: AppServices) {
  const rows = await services.db.execute<{ code: string }>(
    sql`select distinct municipality_code as code from hokatsu_nurseries order by 1`,
  );
  return rows.rows.flatMap((r) => {
    const m = findMunicipality(r.code);
    return m ? [{ code: m.code, name: m.name, nameEn: m.nameEn }] : [];
  });
}

/** Simulation comparison: last round's minimum index at the nurseries the parent came from, same municipality only. */
export const compareWithMinimumIndex: ComparisonLookup = async (services, municipality, compare) => {
  const wanted = compare.map((c) => {
    const [id, age] = c.split(':');
    return { id: id!, age: Number(age) };
  });
  const ids = wanted.map((w) => w.id).filter((id) => z.uuid().safeParse(id).success);
  if (ids.length === 0) return null;
  const names = await services.db
    .select({ id: nurseries.id, name: nurseries.name, municipalityCode: nurseries.municipalityCode })
    .from(nurseries)
    .where(inArray(nurseries.id, ids));
  const own = names.filter((n) => n.municipalityCode === municipality);
  const minimum = await latestMinimumIndices(
    services.db,
    { municipalityCode: municipality },
    own.map((n) => n.id),
  );
  return wanted.flatMap((w) => {
    const nursery = own.find((n) => n.id === w.id);
    if (!nursery) return [];
    const row = minimum.find((x) => x.nurseryId === w.id && x.ageClass === w.age);
    return [
      {
        nurseryName: nursery.name,
        ageClass: w.age,
        minimumIndex: row?.minimumIndex ?? null,
        label: row?.label ?? null,
      },
    ];
  });
};

export async function nurseryRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/nurseries',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'Search nurseries of a municipality (no sign-in)',
        description:
          'Filters: age class for the target month, type, hours, places for that age and month, distance from a point. ' +
          'Each item carries the attribution of its data source.',
        querystring: nurserySearchQuerySchema,
        response: { 200: nurserySearchResultSchema, ...problemResponses(400) },
      },
    },
    async (request) => searchNurseries(services.db, toSearch(request.query, services.now())),
  );

  r.get(
    '/api/v1/nurseries/:id',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'One nursery with vacancies by month and age class and last round’s minimum admitted index',
        params: uuidParam,
        response: { 200: nurseryDetailSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => getNursery(services.db, request.params.id),
  );

  r.get(
    '/api/v1/nurseries/:id/visit-slots',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'Upcoming visit tours of a nursery with the seats left (booking needs sign-in)',
        params: uuidParam,
        response: { 200: z.object({ items: z.array(visitSlotSchema) }), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const nursery = await getNursery(services.db, request.params.id);
      return { items: await listVisitSlots(services.db, nursery, services.now()) };
    },
  );

  app.get('/hokatsu/nurseries', { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, string | string[] | undefined>;
    const municipalities = await municipalitiesWithNurseries(services);
    const chosen = { municipality: municipalities[0]?.code, ...query };
    const parsed = nurserySearchQuerySchema.safeParse(chosen);
    const errors =
      parsed.success || !query.municipality
        ? []
        : parsed.error.issues.map((i) => ({
            field: i.path.join('.'),
            message: { en: i.message, ja: (i as { params?: { ja?: string } }).params?.ja ?? i.message },
          }));
    let result = null;
    if (parsed.success) {
      try {
        result = await searchNurseries(services.db, toSearch(parsed.data, services.now()));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        errors.push(...error.fieldErrors.map((f) => ({ field: f.field, message: { en: f.message, ja: f.messageJa } })));
      }
    }
    return sendPage(
      request,
      reply,
      nurserySearchPage({ municipalities, query: chosen, result, errors }),
      errors.length > 0 ? 400 : 200,
    );
  });

  r.get(
    '/hokatsu/nurseries/:id',
    {
      schema: {
        hide: true,
        params: uuidParam,
        querystring: z.object({
          age: z.coerce.number().int().min(0).max(5).optional(),
          done: z.enum(['booked', 'cancelled', 'moved']).optional(),
        }),
      },
    },
    async (request, reply) =>
      renderNurseryDetail(request, reply, services, request.params.id, {
        ...(request.query.age === undefined ? {} : { age: request.query.age }),
        flash: request.query.done ?? null,
      }),
  );
}
