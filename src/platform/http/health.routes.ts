import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../services.ts';

const healthSchema = z.object({ status: z.literal('ok') });
const readySchema = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.object({ database: z.enum(['ok', 'failing']), queue: z.enum(['ok', 'failing']) }),
});

export async function healthRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: { tags: ['operations'], summary: 'The process is up', response: { 200: healthSchema } },
    },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/readyz',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'The database and the job queue answer',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      const [database, queue] = await Promise.all([
        services.db.execute(sql`select 1`).then(
          () => 'ok' as const,
          () => 'failing' as const,
        ),
        services.jobs.ping().then(
          () => 'ok' as const,
          () => 'failing' as const,
        ),
      ]);
      const ready = database === 'ok' && queue === 'ok';
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not-ready', checks: { database, queue } });
    },
  );
}
