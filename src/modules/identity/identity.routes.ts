import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../platform/services.ts';
import { householdApiRoutes } from './routes/household-api.routes.ts';
import { sessionApiRoutes } from './routes/session-api.routes.ts';
import { staffApiRoutes } from './routes/staff-api.routes.ts';

export async function identityRoutes(app: FastifyInstance, services: AppServices) {
  await sessionApiRoutes(app, services);
  await householdApiRoutes(app, services);
  await staffApiRoutes(app, services);
}
