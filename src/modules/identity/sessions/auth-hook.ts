import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, ANONYMOUS_ACTOR } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { findSessionWithActor } from '../repositories/principal.repository.ts';
import { authenticateApiKey } from '../use-cases/partner-apps.ts';
import { checkSession, hashToken, revokeSession, type SessionRow } from './session-store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking: set by the identity auth hook on every request (anonymous when nobody signed in). */
    actor: Actor;
    /** The session behind the cookie, also while a staff sign-in waits for its TOTP code. */
    session: SessionRow | null;
  }
}

export const SESSION_COOKIE = 'tsunagu_session';

export function setSessionCookie(reply: FastifyReply, token: string, services: AppServices): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: services.config.baseUrl.startsWith('https://'),
    signed: true,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sets request.actor from the session cookie (or a partner app's API key). Registered by the composition root before
 * any route. A cookie whose signature does not match is a tampered cookie: dropped and audited.
 */
export async function registerIdentityAuth(app: FastifyInstance, services: AppServices): Promise<void> {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS_ACTOR;
    request.session = null;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer tsk_')) {
      request.actor = await authenticateApiKey(services, authorization.slice('Bearer '.length), request.id);
      return;
    }
    const raw = request.cookies?.[SESSION_COOKIE];
    if (!raw) return;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) {
      clearSessionCookie(reply);
      await recordAudit(services.db, {
        actor: ANONYMOUS_ACTOR,
        action: 'session.use',
        resource: { type: 'session' },
        purpose: 'session cookie check',
        outcome: 'denied',
        requestId: request.id,
        detail: { reason: 'tampered-cookie' },
      });
      return;
    }
    const now = services.now();
    // The session and its principal in one query; the checks that follow are lookupSession's and actorForSession's.
    const found = await findSessionWithActor(services.db, hashToken(unsigned.value));
    const lookup = await checkSession(services.db, found?.session, now);
    if (lookup.status !== 'valid') {
      clearSessionCookie(reply);
      return;
    }
    request.session = lookup.session;
    if (lookup.session.stage !== 'active') return;
    const actor = found?.actor;
    if (!actor) {
      await revokeSession(services.db, lookup.session.id, 'principal-gone', now);
      clearSessionCookie(reply);
      request.session = null;
      return;
    }
    request.actor = actor;
    // A cookie-authenticated API call must be JSON: browsers cannot send that cross-site without CORS, so a forged
    // form post cannot ride on the cookie (SameSite=Lax already stops most; this closes the rest).
    if (request.url.startsWith('/api/') && !SAFE_METHODS.has(request.method)) {
      const type = request.headers['content-type'] ?? '';
      if (request.headers['content-length'] !== undefined && !type.startsWith('application/json')) {
        throw new AppError('unsupported-media-type', 415, {
          en: 'Signed-in API calls must send application/json.',
          ja: 'ログイン中の API 呼び出しは application/json で送ってください。',
        });
      }
    }
  });
}

export function requireSignedIn(request: FastifyRequest): Actor {
  if (request.actor.type === 'anonymous') {
    throw new AppError('unauthorized', 401, { en: 'Sign in first.', ja: 'ログインしてください。' });
  }
  return request.actor;
}
