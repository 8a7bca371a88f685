import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import type { CardClient } from '../card-sign-in/card-client.ts';
import { completeCardSignIn, LOGIN_REQUEST_TTL_MS, startCardSignIn } from '../card-sign-in/card-sign-in.ts';
import { signInPage } from '../pages/sign-in-page.tsx';
import { clearSessionCookie, setSessionCookie } from '../sessions/auth-hook.ts';
import { createSession, revokeAllSessions, revokeSession } from '../sessions/session-store.ts';

const LOGIN_COOKIE = 'tsunagu_oidc';
const LOGIN_COOKIE_PATH = '/sign-in/card';

/** `next` must stay on this site: a path, not `//evil.example` or `https://…`. */
export function safeReturnTo(next: string | undefined, fallback = '/household'): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}

const notConfigured = () =>
  new AppError('sign-in-unavailable', 503, {
    en: 'Card sign-in is not configured on this server (OIDC_ISSUER).',
    ja: 'このサーバーではカード認証が設定されていません（OIDC_ISSUER）。',
  });

/** Parent sign-in with the card (relying party), sign-out, sign-out everywhere. */
export async function cardSignInRoutes(app: FastifyInstance, services: AppServices, client: CardClient | undefined) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = services.config.baseUrl.startsWith('https://');

  r.get(
    '/sign-in',
    { schema: { hide: true, querystring: z.object({ next: z.string().max(2000).optional() }) } },
    async (request, reply) => {
      if (request.actor.type === 'parent') return reply.redirect(safeReturnTo(request.query.next), 303);
      return sendPage(request, reply, (lang) =>
        signInPage(lang, {
          available: Boolean(client),
          demo: services.config.mode === 'demo' && !services.config.oidc,
          next: safeReturnTo(request.query.next),
        }),
      );
    },
  );

  r.get(
    '/sign-in/card',
    { schema: { hide: true, querystring: z.object({ next: z.string().max(2000).optional() }) } },
    async (request, reply) => {
      if (!client) throw notConfigured();
      const { loginRequestId, authorizationUrl } = await startCardSignIn(services, client, {
        returnTo: safeReturnTo(request.query.next),
      });
      // Binds the callback to this browser: a callback URL opened elsewhere finds no login request (login CSRF).
      reply.setCookie(LOGIN_COOKIE, loginRequestId, {
        path: LOGIN_COOKIE_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure,
        signed: true,
        maxAge: LOGIN_REQUEST_TTL_MS / 1000,
      });
      return reply.redirect(authorizationUrl.href, 303);
    },
  );

  r.get('/sign-in/card/callback', { schema: { hide: true } }, async (request, reply) => {
    if (!client) throw notConfigured();
    const raw = request.cookies[LOGIN_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    reply.clearCookie(LOGIN_COOKIE, { path: LOGIN_COOKIE_PATH });
    const { parent, returnTo } = await completeCardSignIn(services, client, {
      loginRequestId: unsigned?.valid ? (unsigned.value ?? undefined) : undefined,
      callbackUrl: new URL(request.url, services.config.baseUrl),
      requestId: request.id,
    });
    if (request.session) await revokeSession(services.db, request.session.id, 'replaced-by-sign-in', services.now());
    const { token } = await createSession(services.db, {
      principalType: 'parent',
      principalId: parent.id,
      stage: 'active',
      now: services.now(),
      ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}),
    });
    setSessionCookie(reply, token, services);
    return reply.redirect(returnTo, 303);
  });

  const signOut = async (reply: FastifyReply, sessionId: string | undefined) => {
    if (sessionId) await revokeSession(services.db, sessionId, 'signed-out', services.now());
    clearSessionCookie(reply);
    return reply.redirect('/', 303);
  };

  r.post('/sign-out', { schema: { hide: true }, preHandler: app.csrfProtection }, async (request, reply) =>
    signOut(reply, request.session?.id),
  );

  r.post('/sign-out/everywhere', { schema: { hide: true }, preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = request.actor;
    if (actor.id && actor.type !== 'anonymous' && actor.type !== 'partner-app' && actor.type !== 'system') {
      await revokeAllSessions(
        services.db,
        { principalType: actor.type === 'parent' ? 'parent' : 'staff', principalId: actor.id },
        'signed-out-everywhere',
        services.now(),
      );
    }
    return signOut(reply, request.session?.id);
  });
}
