import { z } from 'zod';
import { civilDateSchema } from '../health.schemas.ts';
import { CONSENT_PURPOSES } from './consent-token.ts';
import { QUESTIONS } from './questionnaire.ts';

const isoDate = civilDateSchema;

export const consentCodeRequestSchema = z.object({
  childId: z.uuid(),
  purpose: z.enum(CONSENT_PURPOSES),
});
export const consentCodeResponseSchema = z.object({
  token: z.string(),
  shortCode: z.string(),
  qrSvg: z.string(),
  childName: z.string(),
  purpose: z.enum(CONSENT_PURPOSES),
  expiresAt: z.string(),
});

export const eligibilityRequestSchema = z.object({
  consentToken: z.string().min(1).max(2000),
  visitDate: isoDate,
  institutionCode: z.string().regex(/^\d{10}$/, { message: 'A medical institution code has 10 digits' }),
});

const subsidySchema = z.object({
  insurerNumber: z.string(),
  recipientNumber: z.string(),
  schemeName: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  copay: z.object({ kind: z.enum(['none', 'per-visit']), outpatientYen: z.number(), note: z.string().optional() }),
});
export const eligibilityResponseSchema = z
  .object({
    child: z.object({
      /** A pseudonymous visit id: the patient id for this clinic's FHIR reads during the visit. */
      id: z.uuid(),
      name: z.string(),
      nameKana: z.string(),
      birthDate: z.string(),
      sex: z.string(),
    }),
    subsidies: z.array(subsidySchema),
  })
  .meta({ id: 'EligibilityCheck' });

export const childLinkRequestSchema = z.object({
  householdId: z.uuid(),
  childId: z.uuid(),
  residentNumber: z.string().regex(/^[0-9A-Za-z-]{1,20}$/, { message: 'Resident number: up to 20 letters or digits' }),
});
export const childLinkResponseSchema = z.object({
  childId: z.uuid(),
  municipalityCode: z.string(),
  residentNumber: z.string(),
});

export const questionnaireRequestSchema = z.object({
  childId: z.uuid(),
  vaccine: z.string().min(1).max(40),
  dose: z.coerce.number().int().min(1).max(10),
  visitDate: isoDate,
  temperature: z.string().regex(/^3[4-9]\.\d$|^4[0-2]\.\d$/, { message: 'Body temperature like 36.5' }),
  answers: z.object(
    Object.fromEntries(QUESTIONS.map((q) => [q, z.boolean()])) as Record<(typeof QUESTIONS)[number], z.ZodBoolean>,
  ),
  notes: z.string().max(1000).default(''),
  consentToVaccination: z.enum(['yes', 'no']),
});

export const vaccinationRequestSchema = z.object({
  vaccine: z.string().min(1).max(40),
  dose: z.coerce.number().int().min(1).max(10),
  lotNumber: z.string().min(1).max(40),
  givenOn: isoDate,
});
export const vaccinationRecordSchema = z.object({
  id: z.uuid(),
  vaccine: z.string(),
  dose: z.number(),
  lotNumber: z.string(),
  givenOn: z.string(),
  institutionCode: z.string(),
});
