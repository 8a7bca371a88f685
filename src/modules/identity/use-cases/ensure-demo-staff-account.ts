import type { StaffRole } from '../../../platform/access/staff-roles.ts';
import type { AppServices } from '../../../platform/services.ts';
import { findStaffByEmail } from '../repositories/staff.repository.ts';
import { createActiveStaff } from './create-staff-account.ts';
import { DEMO_STAFF_PASSWORD, DEMO_TOTP_SECRET } from './seed-demo-staff.ts';

export interface DemoStaffAccount {
  email: string;
  displayName: string;
  municipalityCode: string;
  /** Municipal staff roles; nursery staff hold none (their permissions come from the nursery binding). */
  roles: StaffRole[];
  /** Set for a nursery-staff account, bound to this nursery. */
  nurseryId?: string;
}

/**
 * For other modules' demo seeds, which know things identity does not (e.g. the demo nursery's id): an active account
 * with the shared demo password and TOTP secret, created once. Nothing happens outside demo mode.
 */
export async function ensureDemoStaffAccount(services: AppServices, account: DemoStaffAccount): Promise<boolean> {
  if (services.config.mode !== 'demo') return false;
  if (await findStaffByEmail(services.db, account.email)) return false;
  await createActiveStaff(services, {
    ...account,
    ...(account.nurseryId ? { kind: 'nursery' as const, nurseryId: account.nurseryId } : {}),
    password: DEMO_STAFF_PASSWORD,
    totpSecret: DEMO_TOTP_SECRET,
  });
  return true;
}
