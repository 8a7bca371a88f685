import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import type { AppServices } from '../../platform/services.ts';
import { requireSignedIn } from '../identity/index.ts';
import { addIndexAdjustment } from './applications/add-index-adjustment.ts';
import { APPLICATION_STATUSES, DOCUMENT_MAX_BYTES } from './applications/application.tables.ts';
import { readApplicationDocument, uploadApplicationDocument } from './applications/application-documents.ts';
import { changeApplicationStatus } from './applications/change-application-status.ts';
import { dryRunAllocation } from './applications/dry-run-allocation.ts';
import { getApplicationForScreening } from './applications/get-application-for-screening.ts';
import { getOwnApplication } from './applications/get-own-application.ts';
import { listApplicationQueue } from './applications/list-application-queue.ts';
import { listOwnApplications } from './applications/list-own-applications.ts';
import { publishAllocation } from './applications/publish-allocation.ts';
import { respondToOffer } from './applications/respond-to-offer.ts';
import { resubmitApplication } from './applications/resubmit-application.ts';
import { SCREENING_STATUSES } from './applications/staff-context.ts';
import { submitApplication } from './applications/submit-application.ts';
import {
  allocationRunSchema,
  applicationDetailSchema,
  applicationSummarySchema,
  queueItemSchema,
} from './applications.schemas.ts';

const idParam = z.object({ id: z.uuid() });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use YYYY-MM');
const anyObject = z.record(z.string(), z.unknown());

export const submitApplicationSchema = z.object({
  childId: z.uuid(),
  roundMonth: month,
  choices: z.array(z.uuid()).min(1).max(10),
  answers: anyObject,
  siblingsTogether: z.boolean().optional(),
  /** Answers to the municipality's tie-break questions, keyed by tie-break id (GET /api/v1/index-rules/…). */
  tieBreakFacts: z.record(z.string(), z.number().int().nullable()).optional(),
  /** 転園: the nursery the child attends now. */
  currentNurseryId: z.uuid().nullish(),
});

/** JSON API for applications (parents), screening and allocation (municipal staff). Pages use the same use cases. */
export async function applicationRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => ({ services, actor: requireSignedIn(request), requestId: request.id });
  const tags = ['hokatsu'];

  r.post(
    '/api/v1/nursery-applications',
    {
      schema: {
        tags,
        summary: 'Apply for a nursery place for a child of the household (index computed by the rules engine)',
        body: submitApplicationSchema,
        response: { 201: z.object({ id: z.string() }), ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await submitApplication(ctx(request), request.body)),
  );

  r.get(
    '/api/v1/nursery-applications',
    {
      schema: {
        tags,
        summary: 'The household’s applications',
        response: { 200: z.object({ items: z.array(applicationSummarySchema) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await listOwnApplications(ctx(request)) }),
  );

  r.get(
    '/api/v1/nursery-applications/:id',
    {
      schema: {
        tags,
        summary: 'One of the household’s applications: status, index lines, choices, documents, offer',
        params: idParam,
        response: { 200: applicationDetailSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getOwnApplication(ctx(request), request.params.id),
  );

  // Signed-in API writes are JSON (identity's CSRF rule), so a document travels base64-encoded; the page uses a form.
  r.post(
    '/api/v1/nursery-applications/:id/documents',
    {
      bodyLimit: Math.ceil((DOCUMENT_MAX_BYTES * 4) / 3) + 4096,
      schema: {
        tags,
        summary: 'Attach a supporting document (PDF, JPEG or PNG, at most 5 MB; the type is read from the bytes)',
        params: idParam,
        body: z.object({
          filename: z.string().min(1).max(200),
          data: z
            .string()
            .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Base64 without line breaks')
            .describe('The file, base64-encoded'),
        }),
        response: {
          201: z.object({ id: z.string(), contentType: z.string(), sizeBytes: z.number() }),
          ...problemResponses(400, 401, 403, 404, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const saved = await uploadApplicationDocument(ctx(request), {
        applicationId: request.params.id,
        filename: request.body.filename,
        data: Buffer.from(request.body.data, 'base64'),
      });
      return reply.status(201).send(saved);
    },
  );

  r.get(
    '/api/v1/nursery-applications/:id/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'Download a document (the household’s parent, or a screener of the municipality)',
        params: z.object({ id: z.uuid(), documentId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const doc = await readApplicationDocument(ctx(request), {
        applicationId: request.params.id,
        documentId: request.params.documentId,
      });
      return reply
        .header('content-type', doc.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(doc.content);
    },
  );

  r.post(
    '/api/v1/nursery-applications/:id/resubmit',
    {
      schema: {
        tags,
        summary: 'Send an application back after staff asked for a fix',
        params: idParam,
        body: z.object({ answers: anyObject.optional() }),
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await resubmitApplication(ctx(request), { id: request.params.id, answers: request.body.answers });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/nursery-applications/:id/offer',
    {
      schema: {
        tags,
        summary:
          'Accept or decline an offered place; a declined seat goes to the next applicant waiting for it in the round',
        params: idParam,
        body: z.object({ answer: z.enum(['accepted', 'declined']) }),
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await respondToOffer(ctx(request), { id: request.params.id, answer: request.body.answer });
      return reply.status(204).send(null);
    },
  );

  // Municipal staff.
  r.get(
    '/api/v1/staff/nursery-applications',
    {
      schema: {
        tags,
        summary: 'Screening queue of the staff member’s municipality',
        querystring: z.object({ status: z.enum(APPLICATION_STATUSES).optional() }),
        response: { 200: z.object({ items: z.array(queueItemSchema) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: await listApplicationQueue(ctx(request), request.query) }),
  );

  r.get(
    '/api/v1/staff/nursery-applications/:id',
    {
      schema: {
        tags,
        summary: 'One application with the rules engine’s index lines, adjustments and documents',
        params: idParam,
        response: { 200: applicationDetailSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getApplicationForScreening(ctx(request), request.params.id),
  );

  r.post(
    '/api/v1/staff/nursery-applications/:id/status',
    {
      schema: {
        tags,
        summary: 'Move an application: in-review, needs-fix (with what to fix) or ready',
        params: idParam,
        body: z.object({ status: z.enum(SCREENING_STATUSES), fixRequest: z.string().max(2000).nullish() }),
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await changeApplicationStatus(ctx(request), {
        id: request.params.id,
        to: request.body.status,
        fixRequest: request.body.fixRequest ?? null,
      });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/staff/nursery-applications/:id/adjustments',
    {
      schema: {
        tags,
        summary: 'Adjust the index with a reason (while under review)',
        params: idParam,
        body: z.object({ points: z.number().int(), reason: z.string() }),
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await addIndexAdjustment(ctx(request), { id: request.params.id, ...request.body });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/staff/allocation-rounds',
    {
      schema: {
        tags,
        summary: 'Dry-run the allocation of a municipality’s round from its screened applications',
        body: z.object({
          municipalityCode: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
          roundMonth: month,
          roundNo: z.number().int().min(1).max(20),
        }),
        response: { 201: allocationRunSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const c = ctx(request);
      const municipalityCode = request.body.municipalityCode ?? c.actor.municipalityCode ?? '';
      return reply.status(201).send(await dryRunAllocation(c, { ...request.body, municipalityCode }));
    },
  );

  r.post(
    '/api/v1/staff/allocation-rounds/:id/publish',
    {
      schema: {
        tags,
        summary:
          'Publish a dry run: offers, waitlist ranks, explanations, minimum indices; raises allocation.published',
        params: idParam,
        response: {
          200: z.object({ roundId: z.string(), offers: z.number(), waitlisted: z.number() }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => publishAllocation(ctx(request), { roundId: request.params.id }),
  );
}
