import { z } from 'zod';
import { CONSENT_KINDS } from './tables/household.tables.ts';

export const CHANNELS = ['line', 'email', 'web-push', 'inbox'] as const;
export const CLINIC_SHARING_TARGET = 'clinics';

export const consentInputSchema = z
  .object({ kind: z.enum(CONSENT_KINDS), target: z.string().trim().min(1).max(100) })
  .strict();

export const consentSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(CONSENT_KINDS),
    target: z.string(),
    targetName: z.string(),
    grantedAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Consent' });
export type ConsentView = z.infer<typeof consentSchema>;

export const accessLogEntrySchema = z
  .object({
    occurredAt: z.string(),
    actorType: z.string(),
    municipalityCode: z.string().nullable(),
    /** The clinic or pharmacy (10-digit 医療機関コード) when the actor was one, from the audit detail. */
    institutionCode: z.string().nullable(),
    action: z.string(),
    resourceType: z.string(),
    purpose: z.string(),
    outcome: z.enum(['success', 'denied', 'failure']),
  })
  .meta({ id: 'AccessLogEntry' });
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;
