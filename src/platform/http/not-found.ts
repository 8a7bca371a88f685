import type { FastifyInstance, FastifyRequest } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { AppError } from './app-error.ts';
import { sendProblem } from './error-handler.ts';
import { toProblem } from './problem.ts';

/**
 * Fastify answers a known path with an unknown method as 404. Clients deserve 405 with an Allow header, so every
 * route is also recorded in a second router that is asked, on a miss, which methods the path does have.
 */
export function registerNotFoundHandler(app: FastifyInstance): (request: FastifyRequest) => AppError {
  const router = FindMyWay({ ignoreTrailingSlash: true });
  const methods = new Set<HTTPMethod>();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat() as HTTPMethod[]) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      methods.add(method);
      try {
        router.on(method, route.url, () => undefined);
      } catch {
        // the same method and path registered twice (e.g. with and without a prefix): one entry is enough
      }
    }
  });

  /** 405 when the path exists with other methods, else 404. */
  const missError = (request: FastifyRequest): AppError => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = [...methods].filter((method) => router.find(method, path) !== null);
    if (allowed.length > 0) {
      if (allowed.includes('GET')) allowed.push('HEAD');
      return new AppError(
        'method-not-allowed',
        405,
        {
          en: `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}.`,
          ja: `${path} には ${request.method} を使えません（使えるメソッド: ${allowed.join(', ')}）。`,
        },
        [],
        { allow: allowed.join(', ') },
      );
    }
    return new AppError('not-found', 404, { en: `Nothing is at ${path}.`, ja: `${path} は見つかりません。` });
  };

  app.setNotFoundHandler((request, reply) => {
    const error = missError(request);
    for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    return sendProblem(request, reply, toProblem(error, request.url, request.id));
  });
  return missError;
}
