/** What a staff account may be allowed to do. Several roles per account; each maps to permissions in permissions.ts. */
export const STAFF_ROLES = [
  'registry-editor',
  'registry-approver',
  'notice-sender',
  'nursery-screener',
  'benefits-reviewer',
  'benefits-approver',
  'health-officer',
  'municipality-admin',
  'platform-admin',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** The prefecture's own code (東京都): staff bound to it act for every municipality. */
export const TOKYO_WIDE_CODE = '130001';
