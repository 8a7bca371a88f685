import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A tiny browser for inject(): keeps cookies per path like a browser would (enough for our flows) and follows
 * same-site redirects on request.
 */
export class CookieJarClient {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  /** Public so a test can move the same browser to another app instance (a restart, a second process). */
  constructor(public app: FastifyInstance) {}

  private cookieHeader(path: string): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => path.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private store(res: LightMyRequestResponse) {
    for (const cookie of res.cookies as {
      name: string;
      value: string;
      path?: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, { value: cookie.value, path: cookie.path ?? '/' });
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  setCookie(name: string, value: string, path = '/') {
    this.cookies.set(name, { value, path });
  }

  async request(options: {
    method?: 'GET' | 'POST';
    url: string;
    form?: Record<string, string>;
    json?: unknown;
  }): Promise<LightMyRequestResponse> {
    const url = options.url.replace(/^https?:\/\/[^/]+/, '');
    const path = url.split('?')[0] ?? '/';
    const headers: Record<string, string> = { accept: 'text/html', cookie: this.cookieHeader(path) };
    let payload: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.json);
    }
    const res = await this.app.inject({
      method: options.method ?? 'GET',
      url,
      headers,
      ...(payload ? { payload } : {}),
    });
    this.store(res);
    return res;
  }

  /** Follows 30x redirects; returns every response, the last one last. */
  async follow(first: LightMyRequestResponse, limit = 10): Promise<LightMyRequestResponse[]> {
    const chain = [first];
    let current = first;
    while (current.statusCode >= 300 && current.statusCode < 400 && chain.length <= limit) {
      current = await this.request({ url: String(current.headers.location) });
      chain.push(current);
    }
    return chain;
  }
}

export function formField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no field ${name} in page`);
  return match[1]!.replaceAll('&amp;', '&');
}
