import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../../platform/services.ts';

export async function assistPageRoutes(_app: FastifyInstance, _services: AppServices) {}
