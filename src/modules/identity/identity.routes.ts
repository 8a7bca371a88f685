import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../platform/services.ts';
import { CardClient, inProcessFetch } from './card-sign-in/card-client.ts';
import { demoCardRoutes } from './demo-card/demo-card.routes.ts';
import { createDemoCardProvider, demoCardClient, demoCardIssuer } from './demo-card/demo-card-provider.ts';
import { demoCardAdapter, loadDemoCardSecrets } from './demo-card/demo-card-store.ts';
import { cardSignInRoutes } from './routes/card-sign-in.routes.ts';
import { consentApiRoutes } from './routes/consent-api.routes.ts';
import { householdApiRoutes } from './routes/household-api.routes.ts';
import { parentPageRoutes } from './routes/parent-pages.routes.ts';
import { partnerApiRoutes } from './routes/partner-api.routes.ts';
import { sessionApiRoutes } from './routes/session-api.routes.ts';
import { signatureApiRoutes } from './routes/signature-api.routes.ts';
import { staffApiRoutes } from './routes/staff-api.routes.ts';
import { staffPageRoutes } from './routes/staff-pages.routes.ts';
import { SignatureService } from './signatures/signature-service.ts';

/**
 * The card authority parents sign in with: the configured one (OIDC_ISSUER…), else in demo mode the built-in demo
 * authority mounted at /demo-card. Production without OIDC_ISSUER has no parent sign-in (the page says so).
 */
async function cardClientFor(app: FastifyInstance, services: AppServices): Promise<CardClient | undefined> {
  const { config } = services;
  const redirectUri = `${config.baseUrl}/sign-in/card/callback`;
  let demo: CardClient | undefined;
  if (config.mode === 'demo') {
    const secrets = await loadDemoCardSecrets(services.db);
    const registration = demoCardClient(config, secrets);
    const provider = createDemoCardProvider(config, registration, secrets, demoCardAdapter(services.db));
    await demoCardRoutes(app, config, provider);
    demo = new CardClient({ issuer: demoCardIssuer(config), ...registration }, inProcessFetch(app, config.baseUrl));
  }
  if (config.oidc) return new CardClient({ ...config.oidc, redirectUri });
  return demo;
}

export async function identityRoutes(app: FastifyInstance, services: AppServices) {
  await sessionApiRoutes(app, services);
  await householdApiRoutes(app, services);
  await staffApiRoutes(app, services);
  await consentApiRoutes(app, services);
  await partnerApiRoutes(app, services);
  await parentPageRoutes(app, services);
  await staffPageRoutes(app, services);
  await signatureApiRoutes(app, services, new SignatureService(services.config, services.now));
  await cardSignInRoutes(app, services, await cardClientFor(app, services));
}
