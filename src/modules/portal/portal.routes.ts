import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../platform/web/render-page.ts';
import { homePage } from './pages/home-page.tsx';

export async function portalRoutes(app: FastifyInstance) {
  app.get('/', { schema: { hide: true } }, (request, reply) => sendPage(request, reply, homePage));
}
