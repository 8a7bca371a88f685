import type { StaffView } from '../identity-staff.schemas.ts';
import type { StaffRow } from '../repositories/staff.repository.ts';

export function toStaffView(row: StaffRow, now: Date): StaffView {
  return {
    id: row.id,
    kind: row.kind,
    email: row.email,
    displayName: row.displayName,
    municipalityCode: row.municipalityCode,
    roles: row.roles,
    nurseryId: row.nurseryId,
    institutionCode: row.institutionCode,
    status: row.status,
    locked: Boolean(row.lockedUntil && row.lockedUntil.getTime() > now.getTime()),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}
