import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ComponentChildren, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { detectLang, type Lang } from '../i18n/i18n.ts';
import { Layout } from './layout.tsx';

/** Renders a page inside the site layout. Preact escapes every interpolated value, so no page builds raw HTML. */
export function renderDocument(lang: Lang, title: string, path: string, body: ComponentChildren): string {
  return `<!doctype html>${renderToString(h(Layout, { lang, title, path, children: body }))}`;
}

export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: (lang: Lang) => { title: string; body: ComponentChildren },
  status = 200,
) {
  const lang = detectLang(request);
  const { title, body } = page(lang);
  const path = request.url.split('?')[0] ?? '/';
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-language', lang)
    .header('vary', 'Cookie, Accept-Language')
    .send(renderDocument(lang, title, path, body));
}
