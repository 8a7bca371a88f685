import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import type { AppServices } from '../../platform/services.ts';
import { sendPage } from '../../platform/web/render-page.ts';
import { pageErrors } from './application-pages.routes.ts';
import { addIndexAdjustment } from './applications/add-index-adjustment.ts';
import { APPLICATION_TRANSITIONS } from './applications/application.tables.ts';
import { intakeMonths } from './applications/application-form-data.ts';
import { changeApplicationStatus } from './applications/change-application-status.ts';
import { dryRunAllocation } from './applications/dry-run-allocation.ts';
import { getAllocationRun } from './applications/get-allocation-run.ts';
import { getApplicationForScreening } from './applications/get-application-for-screening.ts';
import { latestRounds } from './applications/latest-rounds.ts';
import { listApplicationQueue } from './applications/list-application-queue.ts';
import { publishAllocation } from './applications/publish-allocation.ts';
import { SCREENING_STATUSES, type ScreeningStatus } from './applications/staff-context.ts';
import { allocationRunPage, screeningApplicationPage, screeningQueuePage } from './pages/screening-pages.tsx';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const idParam = z.object({ id: z.uuid() });
const flashQuery = z.object({ done: z.enum(['status', 'adjusted', 'published']).optional() });

/** Municipal staff pages: screening queue, one application, allocation dry run and publish (no JavaScript). */
export async function screeningPageRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const csrf = { preHandler: app.csrfProtection };
  const staff = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'staff') return request.actor;
    void reply.redirect('/staff/sign-in', 303);
    return undefined;
  };
  const ctx = (request: FastifyRequest, actor: Actor) => ({ services, actor, requestId: request.id });

  const renderQueue = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    errors: string[] = [],
    status = 200,
  ) => {
    const items = await listApplicationQueue(ctx(request, actor));
    const rounds = actor.municipalityCode
      ? await latestRounds(ctx(request, actor), actor.municipalityCode).catch(() => [])
      : [];
    const page = screeningQueuePage({
      items,
      rounds,
      defaultMonth: intakeMonths(services.now())[0]!,
      csrfToken: reply.generateCsrf(),
      errors,
    });
    return sendPage(request, reply, page, status);
  };

  r.get('/staff/hokatsu', { schema: { hide: true } }, async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    return renderQueue(request, reply, actor);
  });

  const renderApplication = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    extra: { flash?: 'status' | 'adjusted' | null; errors?: string[] } = {},
    status = 200,
  ) => {
    const application = await getApplicationForScreening(ctx(request, actor), id);
    const allowed = SCREENING_STATUSES.filter((to) => APPLICATION_TRANSITIONS[application.status].includes(to));
    const page = screeningApplicationPage({
      app: application,
      csrfToken: reply.generateCsrf(),
      flash: extra.flash ?? null,
      errors: extra.errors ?? [],
      allowed,
    });
    return sendPage(request, reply, page, status);
  };

  r.get(
    '/staff/hokatsu/applications/:id',
    { schema: { hide: true, params: idParam, querystring: flashQuery } },
    async (request, reply) => {
      const actor = staff(request, reply);
      if (!actor) return reply;
      const flash = request.query.done === 'published' ? null : (request.query.done ?? null);
      return renderApplication(request, reply, actor, request.params.id, { flash });
    },
  );

  r.post(
    '/staff/hokatsu/applications/:id/status',
    { schema: { hide: true, params: idParam, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = staff(request, reply);
      if (!actor) return reply;
      try {
        await changeApplicationStatus(ctx(request, actor), {
          id: request.params.id,
          to: (one(request.body.status) ?? '') as ScreeningStatus,
          fixRequest: one(request.body.fixRequest) ?? null,
        });
      } catch (error) {
        const errors = pageErrors(error, request);
        return renderApplication(request, reply, actor, request.params.id, { errors }, 400);
      }
      return reply.redirect(`/staff/hokatsu/applications/${request.params.id}?done=status`, 303);
    },
  );

  r.post(
    '/staff/hokatsu/applications/:id/adjustments',
    { schema: { hide: true, params: idParam, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = staff(request, reply);
      if (!actor) return reply;
      try {
        await addIndexAdjustment(ctx(request, actor), {
          id: request.params.id,
          points: Number(one(request.body.points)),
          reason: one(request.body.reason) ?? '',
        });
      } catch (error) {
        const errors = pageErrors(error, request);
        return renderApplication(request, reply, actor, request.params.id, { errors }, 400);
      }
      return reply.redirect(`/staff/hokatsu/applications/${request.params.id}?done=adjusted`, 303);
    },
  );

  r.post('/staff/hokatsu/allocation', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    try {
      const run = await dryRunAllocation(ctx(request, actor), {
        municipalityCode: actor.municipalityCode ?? '',
        roundMonth: one(request.body.roundMonth) ?? '',
        roundNo: Number(one(request.body.roundNo)),
      });
      return reply.redirect(`/staff/hokatsu/allocation/${run.id}`, 303);
    } catch (error) {
      return renderQueue(request, reply, actor, pageErrors(error, request), 400);
    }
  });

  const renderRun = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    extra: { flash?: 'published' | null; errors?: string[] } = {},
    status = 200,
  ) => {
    const run = await getAllocationRun(ctx(request, actor), id);
    const page = allocationRunPage({
      run,
      csrfToken: reply.generateCsrf(),
      flash: extra.flash ?? null,
      errors: extra.errors ?? [],
    });
    return sendPage(request, reply, page, status);
  };

  r.get(
    '/staff/hokatsu/allocation/:id',
    { schema: { hide: true, params: idParam, querystring: flashQuery } },
    async (request, reply) => {
      const actor = staff(request, reply);
      if (!actor) return reply;
      const flash = request.query.done === 'published' ? 'published' : null;
      return renderRun(request, reply, actor, request.params.id, { flash });
    },
  );

  r.post(
    '/staff/hokatsu/allocation/:id/publish',
    { schema: { hide: true, params: idParam, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = staff(request, reply);
      if (!actor) return reply;
      try {
        await publishAllocation(ctx(request, actor), { roundId: request.params.id });
      } catch (error) {
        return renderRun(request, reply, actor, request.params.id, { errors: pageErrors(error, request) }, 409);
      }
      return reply.redirect(`/staff/hokatsu/allocation/${request.params.id}?done=published`, 303);
    },
  );
}
