import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { detectLang } from '../../../platform/i18n/i18n.ts';
import type { AppServices } from '../../../platform/services.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { type HouseholdMatch, searchHouseholds } from '../../identity/index.ts';
import { reportBirth } from '../births/report-birth.ts';
import { CLAIM_STATUSES } from '../claim-status.ts';
import type { FieldError } from '../pages/apply-pages.tsx';
import { batchPage, birthReportPage, claimDetailPage, DEMO_PAYER, queuePage } from '../pages/staff-pages.tsx';
import { fiscalYearOf } from '../rules/civil-date.ts';
import { changeClaimStatus } from '../use-cases/change-claim-status.ts';
import { generatePaymentBatch, type PaymentBatchInput } from '../use-cases/generate-payment-batch.ts';
import { getClaimDetail } from '../use-cases/get-claim-detail.ts';
import { getPaymentBatch, listPaymentBatches } from '../use-cases/get-payment-batch.ts';
import { todayInTokyo } from '../use-cases/household-benefits.ts';
import { listClaimCorrections } from '../use-cases/list-claim-corrections.ts';
import { listReviewQueue } from '../use-cases/list-review-queue.ts';
import { recordPaymentResults } from '../use-cases/record-payment-results.ts';
import { type BulkOutcome, bulkApproveClaims, startClaimReviews } from '../use-cases/review-claims-in-bulk.ts';
import { staffBenefitsActor, staffReaderActor } from '../use-cases/staff-access.ts';
import { giftDispatchPageRoutes } from './gift-dispatch.routes.ts';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
// Repeated checkboxes arrive as an array; a comma-joined list (ids have no commas) is accepted as well.
const many = (v: string | string[] | undefined) =>
  (v === undefined ? [] : Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',')).filter(Boolean);

const errorsOf = (error: unknown, lang: 'ja' | 'en'): FieldError[] => {
  // Permission and scope refusals stay what they are (403/404); only input problems are re-rendered on the form.
  if (!(error instanceof AppError) || error.status >= 500 || [401, 403, 404].includes(error.status)) throw error;
  if (error.fieldErrors.length) {
    return error.fieldErrors.map((f) => ({
      field: '',
      message: `${f.field}: ${lang === 'ja' ? f.messageJa : f.message}`,
    }));
  }
  return [{ field: '', message: lang === 'ja' ? error.detail.ja : error.detail.en }];
};

/**
 * The staff console at /staff/benefits: review queue by status (own municipality only), claim detail with fix
 * requests and refusals, bulk start-review and approval with named failed checks, payment file generation with
 * the 全銀 download and totals, and the bank's results. Every action goes through the permission registry.
 */
export async function benefitsStaffPageRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const csrf = { preHandler: app.csrfProtection };
  const signedInStaff = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'staff' && request.actor.id) return request.actor;
    void reply.redirect('/staff/sign-in', 303);
    return undefined;
  };

  const renderQueue = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    extra: { status?: (typeof CLAIM_STATUSES)[number] | undefined; outcomes?: BulkOutcome[]; errors?: FieldError[] },
    code = 200,
  ) => {
    const reviewer = await staffReaderActor(services, actor, {}, request.id);
    const queue = await listReviewQueue(services, {
      actor: reviewer,
      query: extra.status ? { statuses: [extra.status], limit: 200 } : { limit: 200 },
      requestId: request.id,
    });
    const batches = await listPaymentBatches(services, { actor: reviewer });
    const csrfToken = reply.generateCsrf();
    const fiscalYear = fiscalYearOf(todayInTokyo(services.now()));
    return sendPage(
      request,
      reply,
      (lang) => queuePage(lang, { items: queue.items, batches, fiscalYear, csrfToken, ...extra }),
      code,
    );
  };

  r.get(
    '/staff/benefits',
    { schema: { hide: true, querystring: z.object({ status: z.enum(CLAIM_STATUSES).or(z.literal('')).optional() }) } },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      return renderQueue(request, reply, actor, { status: request.query.status || undefined });
    },
  );

  r.post('/staff/benefits/bulk', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = signedInStaff(request, reply);
    if (!actor) return reply;
    const lang = detectLang(request);
    const claimIds = many(request.body.claimId);
    const approve = one(request.body.action) === 'approve';
    try {
      const staff = await staffBenefitsActor(
        services,
        actor,
        approve ? 'benefit-claim.approve' : 'benefit-claim.review',
        {},
        request.id,
      );
      const outcomes = approve
        ? await bulkApproveClaims(services, { actor: staff, claimIds, requestId: request.id })
        : await startClaimReviews(services, { actor: staff, claimIds, requestId: request.id });
      return renderQueue(request, reply, actor, { outcomes });
    } catch (error) {
      return renderQueue(request, reply, actor, { errors: errorsOf(error, lang) }, 400);
    }
  });

  const renderClaim = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    claimId: string,
    errors: FieldError[] = [],
    code = 200,
  ) => {
    const reviewer = await staffReaderActor(services, actor, {}, request.id);
    const detail = await getClaimDetail(services, { actor: reviewer, claimId, requestId: request.id });
    const corrections = await listClaimCorrections(services, { actor: reviewer, claimId, requestId: request.id });
    const csrfToken = reply.generateCsrf();
    return sendPage(
      request,
      reply,
      (lang) => claimDetailPage(lang, { ...detail, corrections, csrfToken, errors }),
      code,
    );
  };

  r.get(
    '/staff/benefits/claims/:claimId',
    { schema: { hide: true, params: z.object({ claimId: z.uuid() }) } },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      return renderClaim(request, reply, actor, request.params.claimId);
    },
  );

  r.post(
    '/staff/benefits/claims/:claimId/status',
    { schema: { hide: true, params: z.object({ claimId: z.uuid() }), body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const lang = detectLang(request);
      const to = z.enum(['needs-fix', 'rejected']).safeParse(one(request.body.to));
      const reason = (one(request.body.reason) ?? '').trim();
      if (!to.success || !reason) {
        const message = lang === 'ja' ? '理由を入力してください' : 'Enter the reason';
        return renderClaim(request, reply, actor, request.params.claimId, [{ field: '', message }], 400);
      }
      try {
        const staff = await staffBenefitsActor(
          services,
          actor,
          to.data === 'rejected' ? 'benefit-claim.approve' : 'benefit-claim.review',
          {},
          request.id,
        );
        await changeClaimStatus(services, {
          actor: staff,
          claimId: request.params.claimId,
          to: to.data,
          reason,
          requestId: request.id,
        });
      } catch (error) {
        return renderClaim(request, reply, actor, request.params.claimId, errorsOf(error, lang), 400);
      }
      return reply.redirect(`/staff/benefits/claims/${request.params.claimId}`, 303);
    },
  );

  r.post(
    '/staff/benefits/payment-batches',
    { schema: { hide: true, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const lang = detectLang(request);
      const b = request.body;
      try {
        const treasury = await staffBenefitsActor(services, actor, 'benefit-payment.manage', {}, request.id);
        const payer = Object.fromEntries(
          (Object.keys(DEMO_PAYER) as (keyof typeof DEMO_PAYER)[]).map((k) => [k, one(b[k]) ?? '']),
        ) as PaymentBatchInput['payer'];
        const { report } = await generatePaymentBatch(services, {
          actor: treasury,
          batch: {
            municipalityCode: actor.municipalityCode!,
            fiscalYear: Number(one(b.fiscalYear)),
            instalmentNo: Number(one(b.instalmentNo)),
            transferDate: one(b.transferDate) ?? '',
            payer,
          },
          requestId: request.id,
        });
        return reply.redirect(`/staff/benefits/payment-batches/${report.batchId}`, 303);
      } catch (error) {
        return renderQueue(request, reply, actor, { errors: errorsOf(error, lang) }, 400);
      }
    },
  );

  const batchParams = z.object({ batchId: z.uuid() });
  r.get(
    '/staff/benefits/payment-batches/:batchId',
    { schema: { hide: true, params: batchParams, querystring: z.object({ saved: z.literal('1').optional() }) } },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const treasury = await staffBenefitsActor(services, actor, 'benefit-payment.manage', {}, request.id);
      const view = await getPaymentBatch(services, { actor: treasury, batchId: request.params.batchId });
      const csrfToken = reply.generateCsrf();
      return sendPage(request, reply, (lang) =>
        batchPage(lang, { ...view, csrfToken, saved: request.query.saved === '1' }),
      );
    },
  );

  r.get(
    '/staff/benefits/payment-batches/:batchId/file',
    { schema: { hide: true, params: batchParams } },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const treasury = await staffBenefitsActor(services, actor, 'benefit-payment.manage', {}, request.id);
      const view = await getPaymentBatch(services, {
        actor: treasury,
        batchId: request.params.batchId,
        requestId: request.id,
      });
      const name = `sogo-furikomi-${view.batch.fiscalYear}-${view.batch.instalmentNo}-${view.batch.transferDate}.txt`;
      return reply
        .header('content-type', 'text/plain; charset=Shift_JIS')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(view.file);
    },
  );

  r.post(
    '/staff/benefits/payment-batches/:batchId/results',
    { schema: { hide: true, params: batchParams, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const treasury = await staffBenefitsActor(services, actor, 'benefit-payment.manage', {}, request.id);
      const results = Object.entries(request.body)
        .filter(([k]) => /^line-\d+$/.test(k))
        .map(([k, v]) => ({
          lineNo: Number(k.slice(5)),
          outcome: one(v) === 'failed' ? ('failed' as const) : ('paid' as const),
          ...(one(v) === 'failed' ? { reason: '振込不能' } : {}),
        }));
      if (results.length > 0) {
        await recordPaymentResults(services, {
          actor: treasury,
          results: { batchId: request.params.batchId, results },
          requestId: request.id,
        });
      }
      return reply.redirect(`/staff/benefits/payment-batches/${request.params.batchId}?saved=1`, 303);
    },
  );

  r.get(
    '/staff/benefits/births',
    {
      schema: {
        hide: true,
        querystring: z.object({
          saved: z.literal('1').optional(),
          // Household search (a GET form, no JavaScript) and the chosen household carried into the report form.
          searchName: z.string().max(100).optional(),
          searchAddress: z.string().max(200).optional(),
          searchBirthDate: z.string().max(10).optional(),
          householdId: z.string().max(36).optional(),
          parent1Name: z.string().max(100).optional(),
          address: z.string().max(200).optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const q = request.query;
      const criteria = { name: q.searchName || undefined, address: q.searchAddress || undefined };
      const birthDate = q.searchBirthDate || undefined;
      const searching = Boolean(criteria.name || criteria.address || birthDate);
      let errors: FieldError[] = [];
      let matches: HouseholdMatch[] | undefined;
      if (searching) {
        try {
          matches = await searchHouseholds(
            { services, actor, requestId: request.id },
            { ...criteria, birthDate, purpose: 'birth report: find the household' },
          );
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error;
          errors = errorsOf(error, detectLang(request));
        }
      }
      const values = { householdId: q.householdId, parent1Name: q.parent1Name, address: q.address };
      const csrfToken = reply.generateCsrf();
      return sendPage(
        request,
        reply,
        (lang) =>
          birthReportPage(lang, {
            values,
            errors,
            saved: q.saved === '1',
            csrfToken,
            search: { ...criteria, birthDate, matches },
          }),
        errors.length ? 400 : 200,
      );
    },
  );

  r.post('/staff/benefits/births', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = signedInStaff(request, reply);
    if (!actor) return reply;
    const lang = detectLang(request);
    const values = Object.fromEntries(Object.entries(request.body).map(([k, v]) => [k, one(v)]));
    const parents = [1, 2]
      .map((n) => ({
        name: values[`parent${n}Name`] ?? '',
        relationship: values[`parent${n}Relationship`] as 'mother',
      }))
      .filter((p) => p.name.trim() !== '');
    try {
      await reportBirth(services, {
        actor,
        requestId: request.id,
        report: {
          householdId: values.householdId ?? '',
          childName: values.childName ?? '',
          childNameKana: values.childNameKana ?? '',
          birthDate: values.birthDate ?? '',
          sex: (values.sex ?? 'unspecified') as 'male',
          parents,
          address: values.address ?? '',
        },
      });
    } catch (error) {
      const errors = errorsOf(error, lang);
      const csrfToken = reply.generateCsrf();
      return sendPage(request, reply, (l) => birthReportPage(l, { values, errors, saved: false, csrfToken }), 400);
    }
    return reply.redirect('/staff/benefits/births?saved=1', 303);
  });
  await giftDispatchPageRoutes(app, services, signedInStaff);
}
