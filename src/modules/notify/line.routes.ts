import { validateSignature } from '@line/bot-sdk';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { AppServices } from '../../platform/services.ts';
import { accountLinkDialogUrl, demoLinkToken, handleLineEvents, lineChannelOf } from './use-cases/link-line-account.ts';

/** LINE account linking (parent side) and the per-municipality LINE webhook receiver. */
export async function lineRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const signedInParent = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'parent' && request.actor.householdId) return request.actor;
    void reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  };

  r.get(
    '/notify/line/link',
    { schema: { hide: true, querystring: z.object({ linkToken: z.string().min(1).max(200) }) } },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      const url = await accountLinkDialogUrl({ services, actor, requestId: request.id }, request.query);
      return reply.redirect(url, 303);
    },
  );

  if (services.config.mode === 'demo') {
    // Demo stand-in for "add the official account and write to it": see demoLinkToken.
    r.post(
      '/notify/line/link/start',
      { schema: { hide: true, body: z.record(z.string(), z.unknown()).optional() }, preHandler: app.csrfProtection },
      async (request, reply) => {
        const actor = signedInParent(request, reply);
        if (!actor) return reply;
        const linkToken = await demoLinkToken({ services, actor, requestId: request.id });
        return reply.redirect(`/notify/line/link?linkToken=${encodeURIComponent(linkToken)}`, 303);
      },
    );
  }

  // LINE signs the exact bytes it sends, so this route keeps the raw body (its own JSON parser, scoped here).
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/notify/line/webhook/:municipalityCode',
      {
        schema: {
          tags: ['notify'],
          summary: 'LINE Messaging API webhook of one municipality’s official account (x-line-signature checked)',
          params: z.object({ municipalityCode: z.string().regex(/^\d{6}$/) }),
          headers: z.object({ 'x-line-signature': z.string().min(1).max(200) }).passthrough(),
        },
      },
      async (request, reply) => {
        const raw = typeof request.body === 'string' ? request.body : '';
        const channel = await lineChannelOf(services, request.params.municipalityCode);
        if (!channel || !validateSignature(raw, channel.channel_secret, request.headers['x-line-signature'])) {
          throw new AppError('notify-line-signature', 401, {
            en: 'The x-line-signature header does not match the body.',
            ja: 'x-line-signature ヘッダーが本文と一致しません。',
          });
        }
        let events: unknown[];
        try {
          events = (JSON.parse(raw) as { events?: unknown[] }).events ?? [];
        } catch {
          throw new AppError('notify-line-body', 400, {
            en: 'The body is not JSON.',
            ja: '本文が JSON ではありません。',
          });
        }
        const result = await handleLineEvents(services, request.params.municipalityCode, events as never);
        return reply.status(200).send(result);
      },
    );
  });
}
