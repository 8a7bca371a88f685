import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../platform/web/render-page.ts';
import { homePage } from './pages/home-page.tsx';

export async function portalRoutes(app: FastifyInstance) {
  app.get('/', { schema: { hide: true } }, (request, reply) => {
    // request.actor is set by the identity auth hook on every request (anonymous when nobody signed in).
    const type = request.actor?.type;
    const kind = type === 'parent' ? 'parent' : type === 'staff' ? 'staff' : 'anonymous';
    return sendPage(request, reply, (lang) => homePage(lang, { kind }));
  });
}
