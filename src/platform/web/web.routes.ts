import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../http/app-error.ts';
import { LANG_COOKIE, LANGS } from '../i18n/i18n.ts';

const require = createRequire(import.meta.url);

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function asset(path: string, type: string): Asset {
  const body = readFileSync(path);
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
}

/** The few static files the pages use, read once at start-up and served with validators. */
function loadAssets(): Record<string, Asset> {
  return {
    'app.css': asset(new URL('./assets/app.css', import.meta.url).pathname, 'text/css; charset=utf-8'),
    'tokens.css': asset(require.resolve('@digital-go-jp/design-tokens/dist/tokens.css'), 'text/css; charset=utf-8'),
    'htmx.min.js': asset(require.resolve('htmx.org/dist/htmx.min.js'), 'text/javascript; charset=utf-8'),
  };
}

/** `next` must stay on this site: a path, not `//evil.example` or `https://…`. */
function safeNext(next: string | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export async function webRoutes(app: FastifyInstance) {
  const assets = loadAssets();
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/assets/:file', { schema: { hide: true, params: z.object({ file: z.string() }) } }, async (request, reply) => {
    const file = assets[request.params.file];
    if (!file) throw notFound({ en: 'No such asset.', ja: 'ファイルが見つかりません。' });
    reply.header('etag', file.etag).header('cache-control', 'public, max-age=3600');
    if (request.headers['if-none-match'] === file.etag) return reply.status(304).send();
    return reply.type(file.type).send(file.body);
  });

  r.get(
    '/lang/:lang',
    {
      schema: {
        hide: true,
        params: z.object({ lang: z.enum(LANGS) }),
        querystring: z.object({ next: z.string().max(2000).optional() }),
      },
    },
    async (request, reply) => {
      reply.setCookie(LANG_COOKIE, request.params.lang, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        maxAge: 60 * 60 * 24 * 365,
      });
      return reply.redirect(safeNext(request.query.next), 303);
    },
  );
}
