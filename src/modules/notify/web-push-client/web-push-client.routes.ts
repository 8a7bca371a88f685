import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

interface Script {
  body: Buffer;
  etag: string;
}

function script(file: string): Script {
  const body = readFileSync(new URL(file, import.meta.url));
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
}

function send(request: FastifyRequest, reply: FastifyReply, file: Script) {
  reply.header('etag', file.etag);
  if (request.headers['if-none-match'] === file.etag) return reply.status(304).send();
  return reply.type('text/javascript; charset=utf-8').send(file.body);
}

/**
 * The browser side of Web Push. The service worker lives at /sw.js (Service-Worker-Allowed: / lets it control the
 * whole site) and is revalidated on every check so a fixed worker reaches parents at once; the subscribe script is an
 * ordinary cached asset.
 */
export async function webPushClientRoutes(app: FastifyInstance) {
  const worker = script('./service-worker.js');
  const subscribe = script('./push-subscribe.js');

  app.get('/sw.js', { schema: { hide: true } }, async (request, reply) => {
    reply.header('service-worker-allowed', '/').header('cache-control', 'no-cache');
    return send(request, reply, worker);
  });

  app.get('/assets/notify/push-subscribe.js', { schema: { hide: true } }, async (request, reply) => {
    reply.header('cache-control', 'public, max-age=3600');
    return send(request, reply, subscribe);
  });
}
