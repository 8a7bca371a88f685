import type { StaffRole } from '../../../platform/access/staff-roles.ts';
import type { AppServices } from '../../../platform/services.ts';
import { findStaffByEmail } from '../repositories/staff.repository.ts';
import { createActiveStaff } from './create-staff-account.ts';

// Known credentials are the point of a demo: anyone trying it can sign in. Never created outside demo mode.
export const DEMO_STAFF_PASSWORD = 'tsunagu-demo-password';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPTSUNAGUDEMOZZZZA';

const DEMO_STAFF: { email: string; displayName: string; municipalityCode: string; roles: StaffRole[] }[] = [
  {
    email: 'admin@demo.tsunagu.example',
    displayName: 'デモ 管理者',
    municipalityCode: '130001',
    // benefits-approver: the 板橋区 admin reviews benefit claims and this account decides them (four eyes).
    roles: ['platform-admin', 'municipality-admin', 'registry-approver', 'benefits-approver'],
  },
  {
    email: 'screener@adachi.demo.tsunagu.example',
    displayName: '足立 審査員',
    municipalityCode: '131211',
    roles: ['nursery-screener'],
  },
  {
    email: 'admin@itabashi.demo.tsunagu.example',
    displayName: '板橋 管理者',
    municipalityCode: '131199',
    // registry-editor here and registry-approver on the Tokyo-wide account: the four-eyes rule needs two people.
    roles: ['municipality-admin', 'benefits-reviewer', 'registry-editor'],
  },
];

export async function seedDemoStaff(services: AppServices): Promise<string> {
  if (services.config.mode !== 'demo') return 'demo staff skipped (not in demo mode)';
  let created = 0;
  for (const staff of DEMO_STAFF) {
    if (await findStaffByEmail(services.db, staff.email)) continue;
    await createActiveStaff(services, { ...staff, password: DEMO_STAFF_PASSWORD, totpSecret: DEMO_TOTP_SECRET });
    created++;
  }
  return (
    `${created} demo staff account(s) created; sign in at /staff/sign-in as ${DEMO_STAFF.map((s) => s.email).join(', ')} ` +
    `with password "${DEMO_STAFF_PASSWORD}" and TOTP secret ${DEMO_TOTP_SECRET}; parents sign in at /sign-in through the demo card authority`
  );
}
