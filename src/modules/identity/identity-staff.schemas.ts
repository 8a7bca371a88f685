import { z } from 'zod';
import { STAFF_ROLES } from '../../platform/access/staff-roles.ts';
import { municipalityCodeSchema } from '../municipalities/index.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './staff/password.ts';
import { STAFF_KINDS, STAFF_STATUSES } from './tables/staff.tables.ts';

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .refine((value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), {
    message: 'Must be an e-mail address',
    params: { ja: 'メールアドレスの形式で入力してください' },
  });

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH);

export const totpCodeSchema = z
  .string()
  .trim()
  .refine((value) => /^\d{6}$/.test(value), {
    message: 'Six digits from the authenticator app',
    params: { ja: '認証アプリに表示された6桁の数字を入力してください' },
  });

export const institutionCodeSchema = z.string().refine((value) => /^\d{10}$/.test(value), {
  message: 'A medical institution code has 10 digits',
  params: { ja: '医療機関コードは10桁の数字です' },
});

export const staffInviteSchema = z
  .object({
    email: emailSchema,
    displayName: z.string().trim().min(1).max(100),
    kind: z.enum(STAFF_KINDS).default('municipal'),
    municipalityCode: municipalityCodeSchema,
    roles: z.array(z.enum(STAFF_ROLES)).max(STAFF_ROLES.length).default([]),
    nurseryId: z.string().trim().min(1).max(64).optional(),
    institutionCode: institutionCodeSchema.optional(),
  })
  .strict();
export type StaffInvite = z.infer<typeof staffInviteSchema>;

export const staffSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(STAFF_KINDS),
    email: z.string(),
    displayName: z.string(),
    municipalityCode: z.string(),
    roles: z.array(z.enum(STAFF_ROLES)),
    nurseryId: z.string().nullable(),
    institutionCode: z.string().nullable(),
    status: z.enum(STAFF_STATUSES),
    locked: z.boolean(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'StaffAccount' });
export type StaffView = z.infer<typeof staffSchema>;

export const staffPatchSchema = z
  .object({
    roles: z.array(z.enum(STAFF_ROLES)).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    unlock: z.literal(true).optional(),
  })
  .strict();
