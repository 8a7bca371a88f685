import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../../platform/http/problem-schema.ts';
import type { AppServices } from '../../../platform/services.ts';
import { checkupResultView } from '../checkups/checkup-results.repository.ts';
import { checkupResultSchema, clinicPrenatalCheckupRequestSchema } from '../checkups/checkup-results.schemas.ts';
import { issuePrenatalConsentCode } from '../prenatal/issue-prenatal-consent-code.ts';
import {
  prenatalCheckRequestSchema,
  prenatalCheckResponseSchema,
  prenatalCodeRequestSchema,
  prenatalCodeResponseSchema,
  prenatalVisitResponseSchema,
} from '../prenatal/prenatal.schemas.ts';
import { prenatalVisitView, recordPrenatalCheckupByClinic } from '../prenatal/prenatal-visit.ts';
import { redeemPrenatalCode } from '../prenatal/redeem-prenatal-code.ts';
import type { RoutineSchedule } from '../vaccination/routine-schedule.ts';
import { checkEligibility } from './check-eligibility.ts';
import {
  childLinkRequestSchema,
  childLinkResponseSchema,
  consentCodeRequestSchema,
  consentCodeResponseSchema,
  eligibilityRequestSchema,
  eligibilityResponseSchema,
  questionnaireRequestSchema,
  vaccinationRecordSchema,
  vaccinationRequestSchema,
} from './clinic.schemas.ts';
import { importChildLinks } from './import-child-links.ts';
import { issueConsentCode } from './issue-consent-code.ts';
import { linkChild } from './link-child.ts';
import { submitQuestionnaire } from './questionnaire.ts';
import { listOwnVaccinations, recordVaccination } from './vaccination-records.ts';
import { visitFhir, visitView } from './visit-view.ts';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const recordView = (r: {
  id: string;
  vaccine: string;
  dose: number;
  lotNumber: string;
  givenOn: string;
  institutionCode: string;
}) => ({
  id: r.id,
  vaccine: r.vaccine,
  dose: r.dose,
  lotNumber: r.lotNumber,
  givenOn: r.givenOn,
  institutionCode: r.institutionCode,
});

/** The clinic side of PMH: consent codes, the eligibility check, visit records and FHIR reads. */
export async function clinicApiRoutes(app: FastifyInstance, services: AppServices, schedule: RoutineSchedule) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const req = (request: FastifyRequest) => ({ services, actor: request.actor, requestId: request.id });

  r.post(
    '/api/v1/health/consent-codes',
    {
      schema: {
        tags: ['health'],
        summary: 'Open a one-time consent code for a clinic (parent; 5 minutes, single use)',
        body: consentCodeRequestSchema,
        response: { 201: consentCodeResponseSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await issueConsentCode(req(request), request.body)),
  );

  r.post(
    '/api/v1/eligibility-checks',
    {
      schema: {
        tags: ['health'],
        summary: 'A clinic checks a child’s medical subsidies for a visit with the parent’s consent code',
        description:
          'For clinic staff of the named institution. The code (signed token from the QR code, or the short code) ' +
          'is used once. No consent, an expired or used code and no eligibility all answer the same 404.',
        body: eligibilityRequestSchema,
        response: { 200: eligibilityResponseSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { visit, subsidies } = await checkEligibility(req(request), { ...request.body, requireSubsidy: true });
      return {
        child: { id: visit.id, ...visit.child },
        subsidies: subsidies.map(({ insurerNumber, recipientNumber, schemeName, validFrom, validTo, copay }) => ({
          insurerNumber,
          recipientNumber,
          schemeName,
          validFrom,
          validTo,
          copay,
        })),
      };
    },
  );

  r.post(
    '/api/v1/health/child-links',
    {
      schema: {
        tags: ['health'],
        summary: 'Link a child to the municipality’s resident number (宛名番号) — health officer',
        body: childLinkRequestSchema,
        response: { 200: childLinkResponseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => linkChild(req(request), request.body),
  );

  r.post(
    '/api/v1/health/child-links/import',
    {
      schema: {
        tags: ['health'],
        summary: 'Link many children to resident numbers from a CSV (世帯ID, 子どもID, 宛名番号) — health officer',
        description:
          'All or nothing: any invalid row refuses the whole file with a 400 problem listing every row and field ' +
          '(`body.csv.row<N>.<column>`); otherwise every link is written in one transaction and audited on its child.',
        body: z.object({ csv: z.string().min(1).max(1_000_000) }),
        response: { 200: z.object({ linked: z.number() }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => importChildLinks(req(request), request.body),
  );

  r.post(
    '/api/v1/health/questionnaires',
    {
      schema: {
        tags: ['health'],
        summary: 'Fill and sign the 予診票 for a vaccination visit (parent)',
        body: questionnaireRequestSchema,
        response: { 201: z.object({ id: z.uuid() }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const row = await submitQuestionnaire(req(request), request.body);
      return reply.status(201).send({ id: row.id });
    },
  );

  r.get(
    '/api/v1/health/children/:childId/vaccinations',
    {
      schema: {
        tags: ['health'],
        summary: 'A child’s recorded vaccinations (parent)',
        params: z.object({ childId: z.uuid() }),
        response: { 200: z.array(vaccinationRecordSchema), ...problemResponses(401, 403) },
      },
    },
    async (request) => (await listOwnVaccinations(req(request), request.params.childId)).map(recordView),
  );

  r.post(
    '/api/v1/health/visits/:visitId/vaccinations',
    {
      schema: {
        tags: ['health'],
        summary: 'Record a vaccination during a consented visit (clinic)',
        params: z.object({ visitId: z.uuid() }),
        body: vaccinationRequestSchema,
        response: { 201: vaccinationRecordSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const row = await recordVaccination(req(request), schedule, { visitId: request.params.visitId, ...request.body });
      return reply.status(201).send(recordView(row));
    },
  );

  // FHIR R4 searches for clinic systems: the patient is the visit id the eligibility check returned.
  const fhirQuery = z.object({ patient: z.uuid() });
  const bundle = (resources: object[]) => ({
    resourceType: 'Bundle' as const,
    type: 'searchset',
    total: resources.length,
    entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
  });
  for (const type of ['Coverage', 'Immunization', 'ImmunizationRecommendation'] as const) {
    r.get(
      `/api/v1/fhir/${type}`,
      {
        schema: {
          tags: ['health'],
          summary: `FHIR R4 ${type} search for a consented visit (clinic)`,
          querystring: fhirQuery,
          response: {
            200: z.looseObject({ resourceType: z.literal('Bundle'), entry: z.array(z.looseObject({})) }),
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const view = await visitView(req(request), schedule, request.query.patient);
        const fhir = visitFhir(view, schedule);
        const resources =
          type === 'Coverage' ? fhir.coverages : type === 'Immunization' ? fhir.immunizations : [fhir.recommendation];
        return reply.header('content-type', FHIR_JSON).send(bundle(resources));
      },
    );
  }

  // 妊婦健診: the expecting parent's code for a pregnancy, the clinic's check-in with it, the visit and the record.
  r.post(
    '/api/v1/health/prenatal-consent-codes',
    {
      schema: {
        tags: ['health'],
        summary: 'Open a one-time 妊婦健診 consent code for one’s own pregnancy (parent; 5 minutes, single use)',
        body: prenatalCodeRequestSchema,
        response: { 201: prenatalCodeResponseSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await issuePrenatalConsentCode(req(request), request.body)),
  );

  r.post(
    '/api/v1/prenatal-checks',
    {
      schema: {
        tags: ['health'],
        summary: 'A clinic checks in a 妊婦健診 with the expecting parent’s code (used once)',
        description:
          'Clinic staff of the named institution. Answers the visit id (a pseudonym for this clinic, valid 2 hours), ' +
          'the expecting parent’s name and the expected delivery date. A forged, expired or used code is the same 404 ' +
          'as for the child codes.',
        body: prenatalCheckRequestSchema,
        response: { 200: prenatalCheckResponseSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const visit = await redeemPrenatalCode(req(request), request.body);
      return {
        visit: {
          id: visit.id,
          name: visit.expecting.name,
          birthDate: visit.expecting.birthDate,
          expectedDeliveryDate: visit.expecting.expectedDeliveryDate,
        },
      };
    },
  );

  r.get(
    '/api/v1/health/prenatal-visits/:visitId',
    {
      schema: {
        tags: ['health'],
        summary: 'A 妊婦健診 visit: gestational week, the 14 visits, results so far, maternal vaccinations (clinic)',
        params: z.object({ visitId: z.uuid() }),
        response: { 200: prenatalVisitResponseSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const view = await prenatalVisitView(req(request), schedule, request.params.visitId);
      return {
        visitId: view.visit.id,
        name: view.visit.expecting.name,
        expectedDeliveryDate: view.visit.expecting.expectedDeliveryDate,
        today: view.today,
        gestationalWeek: view.gestationalWeek,
        visits: view.visits,
        results: view.results.map(checkupResultView),
        vaccinations: view.vaccinations,
      };
    },
  );

  r.post(
    '/api/v1/health/prenatal-visits/:visitId/checkup-results',
    {
      schema: {
        tags: ['health'],
        summary: 'A clinic records a 妊婦健診 result during a visit opened with the expecting parent’s code',
        params: z.object({ visitId: z.uuid() }),
        body: clinicPrenatalCheckupRequestSchema,
        response: {
          201: checkupResultSchema.extend({ gestationalWeek: z.number().int() }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const row = await recordPrenatalCheckupByClinic(req(request), request.params.visitId, request.body);
      return reply.status(201).send({ ...checkupResultView(row), gestationalWeek: row.gestationalWeek });
    },
  );
}
