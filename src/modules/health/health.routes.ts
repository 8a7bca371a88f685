import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import type { AppServices } from '../../platform/services.ts';
import { tokyoToday } from '../../platform/time/today.ts';
import { checkupApiRoutes } from './checkups/checkup-api.routes.ts';
import { clinicApiRoutes } from './clinic/clinic-api.routes.ts';
import {
  childScheduleRequestSchema,
  childScheduleResponseSchema,
  prenatalRequestSchema,
  prenatalResponseSchema,
} from './health.schemas.ts';
import { healthPageRoutes } from './pages/health-pages.routes.ts';
import { prenatalPageRoutes } from './pages/prenatal-pages.routes.ts';
import { evaluateChildSchedule } from './use-cases/evaluate-child-schedule.ts';
import { evaluatePrenatalSchedule } from './use-cases/evaluate-prenatal-schedule.ts';
import type { RoutineSchedule } from './vaccination/routine-schedule.ts';

export async function healthRoutes(app: FastifyInstance, services: AppServices, schedule: RoutineSchedule) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/health/child-schedules/evaluate',
    {
      schema: {
        tags: ['health'],
        summary: 'Routine vaccinations and infant check-ups for a child on a day',
        description:
          'Stateless: computed from the birth date and the doses given; nothing is stored. The schedule data is ' +
          'labelled with its version and must be verified against the 定期接種実施要領.',
        body: childScheduleRequestSchema,
        response: { 200: childScheduleResponseSchema, ...problemResponses(400) },
      },
    },
    async (request) =>
      evaluateChildSchedule(schedule, { ...request.body, asOf: request.body.asOf ?? tokyoToday(services.now()) }),
  );
  r.post(
    '/api/v1/health/prenatal-schedules/evaluate',
    {
      schema: {
        tags: ['health'],
        summary: '妊婦健診 visits from the expected delivery date',
        body: prenatalRequestSchema,
        response: { 200: prenatalResponseSchema, ...problemResponses(400) },
      },
    },
    async (request) =>
      evaluatePrenatalSchedule({ ...request.body, asOf: request.body.asOf ?? tokyoToday(services.now()) }),
  );
  await clinicApiRoutes(app, services, schedule);
  await checkupApiRoutes(app, services);
  await healthPageRoutes(app, services, schedule);
  await prenatalPageRoutes(app, services, schedule);
}
