import { z } from 'zod';
import { checkupResultSchema } from '../checkups/checkup-results.schemas.ts';
import { PRENATAL_PURPOSE } from './prenatal-consent-token.ts';

export const prenatalCodeRequestSchema = z.object({ pregnancyId: z.uuid() }).strict();
export const prenatalCodeResponseSchema = z.object({
  token: z.string(),
  shortCode: z.string(),
  qrSvg: z.string(),
  expectedDeliveryDate: z.string(),
  purpose: z.literal(PRENATAL_PURPOSE),
  expiresAt: z.string(),
});

export const prenatalCheckRequestSchema = z.object({
  consentToken: z.string().min(1).max(2000),
  institutionCode: z.string().regex(/^\d{10}$/, { message: 'A medical institution code has 10 digits' }),
});
export const prenatalCheckResponseSchema = z
  .object({
    visit: z.object({
      /** A pseudonymous visit id for this clinic, valid for two hours after the check-in. */
      id: z.uuid(),
      name: z.string(),
      birthDate: z.string().nullable(),
      expectedDeliveryDate: z.string(),
    }),
  })
  .meta({ id: 'PrenatalCheck' });

export const prenatalVisitResponseSchema = z
  .object({
    visitId: z.uuid(),
    name: z.string(),
    expectedDeliveryDate: z.string(),
    today: z.string(),
    gestationalWeek: z.number().int(),
    visits: z.array(
      z.object({
        number: z.number().int(),
        week: z.number().int(),
        date: z.string(),
        status: z.enum(['past', 'next', 'upcoming']),
        recorded: z.boolean(),
      }),
    ),
    results: z.array(checkupResultSchema),
    vaccinations: z.array(
      z.object({
        code: z.string(),
        name: z.object({ ja: z.string(), en: z.string() }),
        from: z.string().optional(),
        until: z.string().optional(),
        status: z.enum(['not-routine', 'upcoming', 'due', 'closed']),
        verification: z.string(),
      }),
    ),
  })
  .meta({ id: 'PrenatalVisit' });
