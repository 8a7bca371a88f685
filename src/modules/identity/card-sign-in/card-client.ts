import type { FastifyInstance } from 'fastify';
import * as oidc from 'openid-client';

export interface RelyingPartySettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export type CardFetch = oidc.CustomFetch;

/**
 * Tsunagu as a relying party of the card authority (openid-client v6). The issuer's metadata is discovered once and
 * kept; a failed discovery is retried on the next sign-in rather than cached.
 */
export class CardClient {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    readonly settings: RelyingPartySettings,
    private readonly fetchImpl?: CardFetch,
  ) {}

  config(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private async discover(): Promise<oidc.Configuration> {
    const insecure = this.settings.issuer.startsWith('http://');
    const config = await oidc.discovery(
      new URL(this.settings.issuer),
      this.settings.clientId,
      undefined,
      oidc.ClientSecretBasic(this.settings.clientSecret),
      {
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
        ...(this.fetchImpl ? { [oidc.customFetch]: this.fetchImpl } : {}),
      },
    );
    if (this.fetchImpl) config[oidc.customFetch] = this.fetchImpl;
    return config;
  }
}

/**
 * For the built-in demo authority: its HTTP calls (discovery, token, userinfo) go straight into this Fastify app
 * instead of over the network, so they work behind any proxy or TLS terminator and in tests without a port.
 */
export function inProcessFetch(app: FastifyInstance, baseUrl: string): CardFetch {
  const host = new URL(baseUrl).host;
  return async (url, options) => {
    const target = new URL(url);
    const body = options.body;
    const response = await app.inject({
      method: options.method as 'GET' | 'POST',
      url: `${target.pathname}${target.search}`,
      headers: { ...options.headers, host },
      ...(body === undefined || body === null
        ? {}
        : { payload: body instanceof URLSearchParams ? body.toString() : (body as string) }),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    return new Response(response.statusCode === 204 ? null : new Uint8Array(response.rawPayload), {
      status: response.statusCode,
      headers,
    });
  };
}
