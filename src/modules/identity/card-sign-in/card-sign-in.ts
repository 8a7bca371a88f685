import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { ANONYMOUS_ACTOR } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { AppServices } from '../../../platform/services.ts';
import type { ParentRow } from '../repositories/household.repository.ts';
import { oidcLoginRequests } from '../tables/session.tables.ts';
import { signInParent } from '../use-cases/sign-in-parent.ts';
import { identityFromClaims } from './card-claims.ts';
import type { CardClient } from './card-client.ts';
import { type CardSignInFailure, cardSignInError } from './card-sign-in-errors.ts';

export const LOGIN_REQUEST_TTL_MS = 10 * 60_000;
/** Identity attributes only; `sign` is asked for when a document is signed, not to sign in. */
export const SIGN_IN_SCOPE = 'openid name address birthdate gender';

/** Step 1: remember state, nonce and the PKCE verifier on the server and send the browser to the card authority. */
export async function startCardSignIn(
  services: AppServices,
  client: CardClient,
  input: { returnTo: string },
): Promise<{ loginRequestId: string; authorizationUrl: URL }> {
  const config = await client.config();
  const now = services.now();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const loginRequestId = randomBytes(24).toString('base64url');
  await services.db.insert(oidcLoginRequests).values({
    id: loginRequestId,
    state,
    nonce,
    codeVerifier,
    returnTo: input.returnTo,
    createdAt: now,
    expiresAt: new Date(now.getTime() + LOGIN_REQUEST_TTL_MS),
  });
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: client.settings.redirectUri,
    scope: SIGN_IN_SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { loginRequestId, authorizationUrl };
}

async function refuse(
  services: AppServices,
  reason: CardSignInFailure,
  requestId: string | null | undefined,
  detail: Record<string, unknown> = {},
): Promise<never> {
  await recordAudit(services.db, {
    actor: ANONYMOUS_ACTOR,
    action: 'parent.sign-in',
    resource: { type: 'parent' },
    purpose: 'sign-in with the card',
    outcome: 'failure',
    requestId,
    detail: { reason, ...detail },
  });
  throw cardSignInError(reason);
}

/**
 * Step 2, the callback: the login request is consumed first (so a replayed callback finds nothing), then the code is
 * exchanged with PKCE, the ID token's signature, issuer, audience, expiry and nonce checked by openid-client, and the
 * parent created or matched. Any failure is audited and leaves no parent, household or session behind.
 */
export async function completeCardSignIn(
  services: AppServices,
  client: CardClient,
  input: { loginRequestId: string | undefined; callbackUrl: URL; requestId?: string | null },
): Promise<{ parent: ParentRow; created: boolean; returnTo: string }> {
  const { requestId } = input;
  if (!input.loginRequestId) return refuse(services, 'no-login-request', requestId);
  const now = services.now();
  const [request] = await services.db
    .update(oidcLoginRequests)
    .set({ consumedAt: now })
    .where(and(eq(oidcLoginRequests.id, input.loginRequestId), isNull(oidcLoginRequests.consumedAt)))
    .returning();
  if (!request) return refuse(services, 'replayed', requestId);
  if (request.expiresAt.getTime() <= now.getTime()) return refuse(services, 'expired', requestId);
  const params = input.callbackUrl.searchParams;
  if (params.get('state') !== request.state) return refuse(services, 'state-mismatch', requestId);
  if (params.get('error')) {
    return refuse(
      services,
      params.get('error') === 'access_denied' ? 'cancelled' : 'token-exchange-failed',
      requestId,
      {
        error: params.get('error')?.slice(0, 100),
      },
    );
  }

  const config = await client.config();
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, input.callbackUrl, {
      pkceCodeVerifier: request.codeVerifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) return refuse(services, 'id-token-invalid', requestId);
    claims = { ...idClaims };
    if (typeof claims.name !== 'string' && tokens.access_token && config.serverMetadata().userinfo_endpoint) {
      claims = { ...claims, ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)) };
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown';
    const oauthError = (error as { error?: string }).error;
    const reason: CardSignInFailure =
      code === 'OAUTH_RESPONSE_BODY_ERROR' || oauthError ? 'token-exchange-failed' : 'id-token-invalid';
    return refuse(services, reason, requestId, { code, ...(oauthError ? { error: oauthError } : {}) });
  }

  const identity = identityFromClaims(config.serverMetadata().issuer, claims);
  if (!identity) return refuse(services, 'missing-claims', requestId);
  const { parent, created } = await signInParent(services, identity, { requestId });
  return { parent, created, returnTo: request.returnTo };
}
