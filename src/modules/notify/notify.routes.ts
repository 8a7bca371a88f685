import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import { detectLang } from '../../platform/i18n/i18n.ts';
import type { AppServices } from '../../platform/services.ts';
import { sendPage } from '../../platform/web/render-page.ts';
import { requireSignedIn } from '../identity/index.ts';
import { vapidKeys } from './delivery/channel-set.ts';
import { deploymentKeys, signUnsubscribe, verifyUnsubscribe } from './delivery/deployment-keys.ts';
import { lineRoutes } from './line.routes.ts';
import { EXTERNAL_CHANNELS, NOTIFY_CATEGORIES, type NotifyCategory } from './notify.tables.ts';
import { announcementPageRoutes } from './pages/announcement-pages.routes.ts';
import { dashboardPage } from './pages/dashboard-page.tsx';
import { inboxPage, messagePage, unsubscribePage } from './pages/inbox-pages.tsx';
import { preferencesPage } from './pages/preferences-page.tsx';
import { approveAnnouncement, draftAnnouncement } from './use-cases/announcements.ts';
import { cancelAnnouncement } from './use-cases/cancel-announcement.ts';
import { deliveryReport } from './use-cases/delivery-report.ts';
import { listInbox } from './use-cases/list-inbox.ts';
import { activeEndpoints, savePushSubscription, setEmailAddress } from './use-cases/manage-endpoints.ts';
import { openMessage } from './use-cases/open-message.ts';
import { getPreferences, type Preferences, savePreferences, unsubscribeCategory } from './use-cases/preferences.ts';
import { recordLinkOpen } from './use-cases/record-link-open.ts';
import { saveTemplate } from './use-cases/save-template.ts';
import { webPushClientRoutes } from './web-push-client/web-push-client.routes.ts';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const templateBody = z
  .object({
    key: z.string().min(1).max(60),
    titleJa: z.string().min(1).max(200),
    bodyJa: z.string().min(1).max(5000),
    titleEn: z.string().min(1).max(200),
    bodyEn: z.string().min(1).max(5000),
  })
  .strict();

/** Parent pages (/notify…), one-click unsubscribe, and the template API for staff. */
export async function notifyRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const csrf = { preHandler: app.csrfProtection };
  const signedInParent = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'parent' && request.actor.householdId) return request.actor;
    // The query stays: a message reached through a tracked link keeps its `via` across the sign-in.
    void reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  };
  const ctx = (request: FastifyRequest, actor: Actor) => ({ services, actor, requestId: request.id });

  r.get('/notify', { schema: { hide: true } }, async (request, reply) => {
    const actor = signedInParent(request, reply);
    if (!actor) return reply;
    const items = await listInbox(ctx(request, actor));
    return sendPage(request, reply, (lang) => inboxPage(lang, items));
  });

  // The link in a Web Push notification, an e-mail or a LINE message: count the open for that channel, then show the
  // message (sign-in first when needed). No sign-in is needed to count it: the ledger id is the recipient's own.
  r.get(
    '/notify/open/:deliveryId',
    { schema: { hide: true, params: z.object({ deliveryId: z.uuid() }) } },
    async (request, reply) => {
      const opened = await recordLinkOpen(services, { deliveryId: request.params.deliveryId });
      if (!opened) return reply.redirect('/notify', 303);
      return reply.redirect(`/notify/messages/${opened.messageId}?via=${opened.channel}`, 303);
    },
  );

  r.get(
    '/notify/messages/:id',
    {
      schema: {
        hide: true,
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ via: z.enum(EXTERNAL_CHANNELS).optional() }),
      },
    },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      const message = await openMessage(ctx(request, actor), {
        messageId: request.params.id,
        viaLink: request.query.via !== undefined,
      });
      const keys = await deploymentKeys(services.db);
      const token = signUnsubscribe(keys.linkSigningKey, message.parentId, message.category);
      return sendPage(request, reply, (lang) =>
        messagePage(lang, { ...message, unsubscribePath: `/notify/unsubscribe/${token}` }),
      );
    },
  );

  const pageData = async (request: FastifyRequest, actor: Actor) => {
    const endpoints = await activeEndpoints(ctx(request, actor));
    return {
      endpoints,
      email: endpoints.find((e) => e.channel === 'email')?.addressKey ?? '',
      vapidPublicKey: (await vapidKeys(services)).publicKey,
      demoLineLink: services.config.mode === 'demo',
    };
  };

  r.get(
    '/notify/preferences',
    {
      schema: {
        hide: true,
        querystring: z.object({ saved: z.literal('1').optional(), line: z.literal('linked').optional() }),
      },
    },
    async (request, reply) => {
      const actor = signedInParent(request, reply);
      if (!actor) return reply;
      const prefs = await getPreferences(ctx(request, actor));
      const data = await pageData(request, actor);
      const csrfToken = reply.generateCsrf();
      return sendPage(request, reply, (lang) =>
        preferencesPage(lang, {
          prefs,
          csrfToken,
          saved: request.query.saved === '1',
          lineLinked: request.query.line === 'linked',
          ...data,
        }),
      );
    },
  );

  r.post('/notify/preferences', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = signedInParent(request, reply);
    if (!actor) return reply;
    const body = request.body;
    const categories = list(body.categories);
    const prefs: Preferences = {
      language: one(body.language) === 'en' ? 'en' : 'ja',
      channels: list(body.channels) as Preferences['channels'],
      unsubscribedCategories: NOTIFY_CATEGORIES.filter((c) => !categories.includes(c)),
      quietStart: one(body.quietStart) ?? '',
      quietEnd: one(body.quietEnd) ?? '',
      frequency: one(body.frequency) === 'monthly-digest' ? 'monthly-digest' : 'immediate',
    };
    try {
      await savePreferences(ctx(request, actor), prefs);
      await setEmailAddress(ctx(request, actor), { email: one(body.email) ?? '' });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      const lang = detectLang(request);
      const field = error.fieldErrors[0];
      const csrfToken = reply.generateCsrf();
      const data = await pageData(request, actor);
      return sendPage(
        request,
        reply,
        (l) =>
          preferencesPage(l, {
            prefs,
            csrfToken,
            ...data,
            email: one(body.email) ?? '',
            error: { field: field?.field ?? '', message: lang === 'ja' ? error.detail.ja : error.detail.en },
          }),
        400,
      );
    }
    return reply.redirect('/notify/preferences?saved=1', 303);
  });

  // One-click unsubscribe. GET shows a confirmation (link scanners must not unsubscribe anyone); POST does it.
  // The POST accepts a mail client's RFC 8058 `List-Unsubscribe=One-Click` without cookies, so it carries no CSRF
  // token: the signed token in the path is the authority, and it only ever turns messages off.
  r.get(
    '/notify/unsubscribe/:token',
    { schema: { hide: true, params: z.object({ token: z.string().max(200) }) } },
    async (request, reply) => {
      const keys = await deploymentKeys(services.db);
      const target = verifyUnsubscribe(keys.linkSigningKey, request.params.token);
      if (!target) return sendPage(request, reply, (lang) => unsubscribePage(lang, { state: 'invalid' }), 400);
      return sendPage(request, reply, (lang) =>
        unsubscribePage(lang, {
          state: 'confirm',
          category: target.category,
          action: `/notify/unsubscribe/${request.params.token}`,
          csrfToken: reply.generateCsrf(),
        }),
      );
    },
  );

  r.post(
    '/notify/unsubscribe/:token',
    { schema: { hide: true, params: z.object({ token: z.string().max(200) }), body: formBody.optional() } },
    async (request, reply) => {
      const keys = await deploymentKeys(services.db);
      const target = verifyUnsubscribe(keys.linkSigningKey, request.params.token);
      if (!target || !(NOTIFY_CATEGORIES as readonly string[]).includes(target.category)) {
        return sendPage(request, reply, (lang) => unsubscribePage(lang, { state: 'invalid' }), 400);
      }
      await unsubscribeCategory(
        { services },
        { parentId: target.parentId, category: target.category as NotifyCategory },
      );
      return sendPage(request, reply, (lang) => unsubscribePage(lang, { state: 'done', category: target.category }));
    },
  );

  r.get(
    '/api/v1/notify/messages',
    {
      schema: {
        tags: ['notify'],
        summary: "The signed-in parent's notices, newest first",
        response: {
          200: z.object({
            messages: z.array(
              z.object({
                id: z.uuid(),
                title: z.string(),
                category: z.string(),
                createdAt: z.string(),
                opened: z.boolean(),
              }),
            ),
          }),
          ...problemResponses(401),
        },
      },
    },
    async (request) => {
      const actor = requireSignedIn(request);
      const items = await listInbox(ctx(request, actor));
      return { messages: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })) };
    },
  );

  r.post(
    '/api/v1/notify/web-push/subscriptions',
    {
      schema: {
        tags: ['notify'],
        summary: "Save this browser's Web Push subscription for the signed-in parent",
        body: z.object({
          endpoint: z.string().max(2000),
          expirationTime: z.number().nullable().optional(),
          keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
        }),
        response: { 204: z.null(), ...problemResponses(400, 401, 403) },
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const actor = requireSignedIn(request);
      await savePushSubscription(ctx(request, actor), request.body);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/notify/web-push/vapid-public-key',
    {
      schema: {
        tags: ['notify'],
        summary: "The deployment's VAPID public key (browsers subscribe with it)",
        response: { 200: z.object({ publicKey: z.string() }) },
      },
    },
    async () => ({ publicKey: (await vapidKeys(services)).publicKey }),
  );

  // Staff: delivery figures of their municipality per month and channel, with a server-drawn chart.
  r.get('/staff/notify', { schema: { hide: true } }, async (request, reply) => {
    if (request.actor.type !== 'staff' || !request.actor.id) return reply.redirect('/staff/sign-in', 303);
    const rows = await deliveryReport(services, request.actor, { requestId: request.id });
    return sendPage(request, reply, (lang) => dashboardPage(lang, rows));
  });

  r.post(
    '/api/v1/notify/announcements',
    {
      schema: {
        tags: ['notify'],
        summary:
          'Draft an announcement to a segment; answers with the recipient count (a second staff member approves)',
        body: z
          .object({
            municipalityCode: z.string().regex(/^\d{6}$/),
            category: z.enum(NOTIFY_CATEGORIES),
            titleJa: z.string().min(1).max(200),
            bodyJa: z.string().min(1).max(5000),
            titleEn: z.string().min(1).max(200),
            bodyEn: z.string().min(1).max(5000),
            ageMinMonths: z.number().int().min(0).max(240).nullable().optional(),
            ageMaxMonths: z.number().int().min(1).max(240).nullable().optional(),
            urgent: z.boolean().optional(),
            sendAt: z.iso.datetime({ offset: true }),
          })
          .strict(),
        response: {
          201: z.object({ id: z.uuid(), targeted: z.number().int(), status: z.literal('draft') }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const actor = requireSignedIn(request);
      const draft = await draftAnnouncement(
        services,
        actor,
        { ...request.body, sendAt: new Date(request.body.sendAt) },
        request.id,
      );
      return reply.status(201).send(draft);
    },
  );

  r.post(
    '/api/v1/notify/announcements/:id/approve',
    {
      schema: {
        tags: ['notify'],
        summary: 'Approve an announcement drafted by another staff member; it is sent at its send time',
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({ id: z.uuid(), status: z.literal('approved') }),
          ...problemResponses(401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const actor = requireSignedIn(request);
      return approveAnnouncement(services, actor, { id: request.params.id, requestId: request.id });
    },
  );

  r.post(
    '/api/v1/notify/announcements/:id/cancel',
    {
      schema: {
        tags: ['notify'],
        summary: 'Cancel an announcement that has not been sent yet (draft or approved)',
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({ id: z.uuid(), status: z.literal('cancelled') }),
          ...problemResponses(401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const actor = requireSignedIn(request);
      return cancelAnnouncement(services, actor, { id: request.params.id, requestId: request.id });
    },
  );

  await announcementPageRoutes(app, services);
  await webPushClientRoutes(app);
  await lineRoutes(app, services);

  r.post(
    '/api/v1/notify/templates',
    {
      schema: {
        tags: ['notify'],
        summary: 'Save a new version of a message template (unknown ((variables)) are refused)',
        body: templateBody,
        response: { 201: z.object({ key: z.string(), version: z.number().int() }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const actor = requireSignedIn(request);
      const saved = await saveTemplate(services, actor, request.body, request.id);
      return reply.status(201).send(saved);
    },
  );
}
