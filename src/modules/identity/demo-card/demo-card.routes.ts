import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import type { Config } from '../../../config.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { demoCardPage } from './demo-card-page.tsx';
import { DEMO_CARD_PATH } from './demo-card-provider.ts';
import { findDemoResident } from './demo-residents.ts';

const interactionExpired = () =>
  new AppError('sign-in-expired', 400, {
    en: 'This card sign-in has expired. Start again from Tsunagu’s sign-in page.',
    ja: 'カード認証の有効期限が切れました。つなぐのログイン画面からやり直してください。',
  });

/**
 * Mounts the demo card authority at /demo-card: oidc-provider answers every path under it (it reads the raw request,
 * so Fastify must not parse bodies there), and Tsunagu renders its sign-in page (the "interaction").
 */
export async function demoCardRoutes(app: FastifyInstance, config: Config, provider: Provider) {
  const base = new URL(config.baseUrl);
  const handle = provider.callback();

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.all(`${DEMO_CARD_PATH}/*`, { schema: { hide: true } }, async (request, reply) => {
      const raw = request.raw as typeof request.raw & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = (raw.url ?? '/').slice(DEMO_CARD_PATH.length) || '/';
      // The provider builds its URLs from these: always from BASE_URL, never from what the client sent.
      raw.headers['x-forwarded-proto'] = base.protocol.replace(':', '');
      raw.headers['x-forwarded-host'] = base.host;
      reply.hijack();
      await handle(raw, reply.raw);
    });
  });

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    `${DEMO_CARD_PATH}/interaction/:uid`,
    { schema: { hide: true, params: z.object({ uid: z.string().min(1).max(100) }) } },
    async (request, reply) => {
      const interaction = await provider.interactionDetails(request.raw, reply.raw).catch(() => {
        throw interactionExpired();
      });
      if (interaction.uid !== request.params.uid) throw interactionExpired();
      if (interaction.prompt.name === 'consent') {
        // The resident already agreed on the card page, which lists what is shared; record that as the grant.
        const { params, session, prompt } = interaction;
        const grant = new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
        const missingScope = prompt.details.missingOIDCScope as string[] | undefined;
        const missingClaims = prompt.details.missingOIDCClaims as string[] | undefined;
        if (missingScope) grant.addOIDCScope(missingScope.join(' '));
        if (missingClaims) grant.addOIDCClaims(missingClaims);
        const grantId = await grant.save();
        reply.hijack();
        await provider.interactionFinished(
          request.raw,
          reply.raw,
          { consent: { grantId } },
          { mergeWithLastSubmission: true },
        );
        return;
      }
      const client = await provider.Client.find(String(interaction.params.client_id));
      return sendPage(request, reply, (lang) =>
        demoCardPage(lang, {
          uid: interaction.uid,
          clientName: client?.clientName ?? String(interaction.params.client_id),
          scopes: String(interaction.params.scope ?? 'openid').split(' '),
          csrfToken: reply.generateCsrf(),
        }),
      );
    },
  );

  r.post(
    `${DEMO_CARD_PATH}/interaction/:uid`,
    {
      schema: {
        hide: true,
        params: z.object({ uid: z.string().min(1).max(100) }),
        // _csrf stays in the parsed body: the CSRF check (preHandler) reads it after validation.
        body: z.object({
          _csrf: z.string().optional(),
          resident: z.string().max(100).optional(),
          action: z.enum(['login', 'abort']).default('login'),
        }),
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const interaction = await provider.interactionDetails(request.raw, reply.raw).catch(() => {
        throw interactionExpired();
      });
      if (interaction.uid !== request.params.uid) throw interactionExpired();
      if (request.body.action === 'abort') {
        reply.hijack();
        await provider.interactionFinished(
          request.raw,
          reply.raw,
          { error: 'access_denied', error_description: 'The resident cancelled the card sign-in.' },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const resident = request.body.resident ? findDemoResident(request.body.resident) : undefined;
      if (!resident) {
        throw new AppError('validation-failed', 400, { en: 'Choose a resident.', ja: '住民を選んでください。' });
      }
      reply.hijack();
      await provider.interactionFinished(
        request.raw,
        reply.raw,
        { login: { accountId: resident.subject } },
        { mergeWithLastSubmission: false },
      );
    },
  );
}
