import { z } from 'zod';

/** problem+json as documented in the OpenAPI; the handler renders it (see problem.ts). */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    titleJa: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    detailJa: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string(), messageJa: z.string() })).optional(),
    errorId: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, English and Japanese' });

/** `...problemResponses(400, 404)` in a route's response map. */
export function problemResponses<S extends number>(...statuses: S[]): Record<S, typeof problemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema])) as Record<S, typeof problemSchema>;
}
