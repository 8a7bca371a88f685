import { z } from 'zod';
import { badRequest } from '../../platform/http/app-error.ts';
import { municipalityCodeSchema } from '../municipalities/index.ts';
import { NURSERY_CATEGORIES } from './hokatsu.tables.ts';
import { ageClassFor } from './nurseries/age-class.ts';

const hhmm = z.string().refine((v) => /^[0-2]\d:[0-5]\d$/.test(v), {
  message: 'Must be a time HH:MM',
  params: { ja: '時刻は HH:MM で指定してください' },
});

const optionalNumber = (schema: z.ZodNumber) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().pipe(schema).optional());

/** Query of the public search; also what the search page's GET form sends, so empty fields mean "any". */
export const nurserySearchQuerySchema = z.object({
  municipality: municipalityCodeSchema,
  ageClass: optionalNumber(z.number().int().min(0).max(5)),
  month: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .refine((v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v), {
        message: 'Must be a month YYYY-MM',
        params: { ja: '月は YYYY-MM で指定してください' },
      })
      .optional(),
  ),
  /** Instead of ageClass: the child's birth date; the class for the target month (or this month) is worked out. */
  birthDate: z.preprocess((v) => (v === '' ? undefined : v), z.iso.date().optional()),
  type: z.preprocess(
    (v) => (v === '' ? undefined : Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : v),
    z.array(z.enum(NURSERY_CATEGORIES)).optional(),
  ),
  opensBy: z.preprocess((v) => (v === '' ? undefined : v), hhmm.optional()),
  closesAfter: z.preprocess((v) => (v === '' ? undefined : v), hhmm.optional()),
  vacancies: z.preprocess((v) => v === 'true' || v === '1' || v === 'on', z.boolean()).optional(),
  lat: optionalNumber(z.number().min(20).max(50)),
  lng: optionalNumber(z.number().min(120).max(155)),
  radiusKm: optionalNumber(z.number().positive().max(50)),
  limit: optionalNumber(z.number().int().min(1).max(100)),
  offset: optionalNumber(z.number().int().min(0).max(10_000)),
});
export type NurserySearchQuery = z.infer<typeof nurserySearchQuerySchema>;

export const nurserySummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    category: z.string(),
    typeLabel: z.string().nullable(),
    address: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    minAgeClass: z.number().nullable(),
    maxAgeClass: z.number().nullable(),
    vacancyMonth: z.string().nullable(),
    vacancies: z.number().nullable(),
    waiting: z.number().nullable(),
    distanceKm: z.number().nullable(),
    attribution: z.string(),
  })
  .meta({ id: 'NurserySummary' });

export const nurserySearchResultSchema = z.object({
  items: z.array(nurserySummarySchema),
  total: z.number().int(),
  month: z.string().nullable(),
});

export const nurseryDetailSchema = z
  .object({
    id: z.string(),
    municipalityCode: z.string(),
    name: z.string(),
    nameKana: z.string().nullable(),
    category: z.string(),
    typeLabel: z.string().nullable(),
    address: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    capacity: z.number().nullable(),
    minAgeClass: z.number().nullable(),
    maxAgeClass: z.number().nullable(),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    extendedCare: z.boolean().nullable(),
    temporaryCare: z.boolean().nullable(),
    phone: z.string().nullable(),
    url: z.string().nullable(),
    notes: z.string().nullable(),
    attribution: z.string(),
    vacancies: z.array(
      z.object({
        month: z.string(),
        ageClass: z.number(),
        vacancies: z.number().nullable(),
        waiting: z.number().nullable(),
        asOf: z.string().nullable(),
      }),
    ),
    minimumIndices: z.array(
      z.object({
        ageClass: z.number(),
        minimumIndex: z.number().nullable(),
        label: z.string().nullable(),
        roundMonth: z.string(),
        roundNo: z.number(),
      }),
    ),
  })
  .meta({ id: 'NurseryDetail' });

/** The search from a validated query; a birth date becomes the age class for the target month (or `now`'s month). */
export function toSearch(q: NurserySearchQuery, now: Date) {
  let ageClass = q.ageClass;
  if (ageClass === undefined && q.birthDate) {
    const month = q.month ?? now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' }).slice(0, 7);
    const computed = ageClassFor(q.birthDate, month);
    if (computed === null) {
      throw badRequest('no-age-class', 'query.birthDate', {
        en: 'The child is not born yet or is past nursery age in that month',
        ja: 'その月にはお子さんが生まれていないか、保育園の対象年齢を過ぎています',
      });
    }
    ageClass = computed;
  }
  return {
    municipality: q.municipality,
    ...(ageClass !== undefined ? { ageClass } : {}),
    ...(q.month ? { month: `${q.month}-01` } : {}),
    ...(q.type ? { categories: q.type } : {}),
    ...(q.opensBy ? { opensBy: q.opensBy } : {}),
    ...(q.closesAfter ? { closesAfter: q.closesAfter } : {}),
    ...(q.vacancies ? { withVacancies: true } : {}),
    ...(q.lat !== undefined && q.lng !== undefined
      ? { near: { latitude: q.lat, longitude: q.lng, radiusKm: q.radiusKm ?? 3 } }
      : {}),
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  };
}
