import type { FastifyRequest } from 'fastify';

export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'ja';
export const LANG_COOKIE = 'lang';

export function isLang(value: unknown): value is Lang {
  return value === 'ja' || value === 'en';
}

/**
 * Japanese first: an explicit choice (the language switch sets a cookie) wins, then the browser's
 * Accept-Language if it prefers English to Japanese, else Japanese.
 */
export function detectLang(request: FastifyRequest): Lang {
  const cookie = request.cookies?.[LANG_COOKIE];
  if (isLang(cookie)) return cookie;
  const header = request.headers['accept-language'];
  if (typeof header === 'string') {
    const ranked = header
      .split(',')
      .map((part) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.find((x) => x.trim().startsWith('q='));
        return { lang: tag.toLowerCase().slice(0, 2), q: q ? Number(q.trim().slice(2)) : 1 };
      })
      .filter((entry) => isLang(entry.lang))
      .sort((a, b) => b.q - a.q);
    if (ranked[0]) return ranked[0].lang as Lang;
  }
  return DEFAULT_LANG;
}

/**
 * A module's message catalog: the Japanese one defines the keys, the English one must have the same shape, so a
 * missing translation is a type error rather than a blank on the page.
 */
export function defineMessages<T>(catalog: { ja: T; en: NoInfer<T> }): (lang: Lang) => T {
  return (lang) => catalog[lang];
}
