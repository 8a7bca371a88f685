import type { StaffRole } from './staff-roles.ts';

/** Who holds a permission. Staff hold it through a role, inside their own municipality unless Tokyo-wide. */
export interface Grant {
  /** What the permission allows, for the user-management page and the docs. */
  description: string;
  roles?: readonly StaffRole[];
  /** A parent holds it for their own household only. */
  parent?: boolean;
  /** Nursery staff hold it for their own nursery only. */
  nurseryStaff?: boolean;
  /** Clinic/pharmacy staff hold it for their own institution only. */
  clinicStaff?: boolean;
  /** A partner app holds it when its API key carries this scope. */
  partnerScope?: string;
}

type PermissionName = `${string}.${string}`;

/**
 * Every permission Tsunagu checks, as `${resource}.${action}`. A permission that is not listed here does not exist:
 * `authorize(actor, 'child.delete', …)` does not compile until it is added, with its holders, in this one place.
 */
export const PERMISSIONS = {
  'household.read': {
    description: 'See a household: guardians, children, pregnancies, residence history',
    parent: true,
    roles: ['nursery-screener', 'benefits-reviewer', 'health-officer', 'municipality-admin'],
  },
  'household.update': { description: 'Edit a household’s own entries', parent: true },
  'child.register': { description: 'Add a child to a household', parent: true },
  'child.update': {
    description: 'Correct a child’s name, kana, birth date or sex',
    parent: true,
    roles: ['nursery-screener', 'municipality-admin'],
  },
  'pregnancy.register': { description: 'Record a pregnancy', parent: true },
  'pregnancy.update': { description: 'Change or close a pregnancy', parent: true },
  'residence.change': { description: 'Record a move', parent: true },
  'consent.read': { description: 'See consents', parent: true },
  'consent.manage': { description: 'Give and revoke consents', parent: true },
  'access-log.read': { description: 'See who looked at a household’s data', parent: true },
  'signature.create': { description: 'Sign a document with the card', parent: true },
  'staff.read': { description: 'See staff accounts', roles: ['municipality-admin', 'platform-admin'] },
  'staff.invite': { description: 'Invite staff', roles: ['municipality-admin', 'platform-admin'] },
  'staff.manage': {
    description: 'Change roles, unlock or disable staff accounts',
    roles: ['municipality-admin', 'platform-admin'],
  },
  'partner-app.manage': { description: 'Register partner apps and rotate their keys', roles: ['platform-admin'] },
  'audit.read': { description: 'Read the audit log', roles: ['municipality-admin', 'platform-admin'] },
  'registry.edit': { description: 'Draft support-program entries', roles: ['registry-editor'] },
  'registry.approve': { description: 'Publish support-program entries', roles: ['registry-approver'] },
  'notice.send': { description: 'Send notices to parents', roles: ['notice-sender'] },
  'notice.report': {
    description: 'See delivery figures of notices (targeted, sent, delivered, failed, opened)',
    roles: ['notice-sender', 'municipality-admin'],
  },
  'nursery-application.screen': { description: 'Screen nursery applications', roles: ['nursery-screener'] },
  'nursery.manage-slots': { description: 'Publish visit slots and vacancies', nurseryStaff: true },
  'benefit-claim.review': { description: 'Review benefit claims', roles: ['benefits-reviewer'] },
  'health-record.read': {
    description: 'See medical-subsidy eligibility and vaccination records',
    roles: ['health-officer'],
    clinicStaff: true,
  },
  // benefits: approval, payment runs and birth reports (review itself is 'benefit-claim.review' above). Approval is
  // its own role, and the benefits module refuses a decision by the claim's own reviewer (four eyes); the treasury
  // step sits with the municipality admin.
  'benefit-claim.approve': { description: 'Approve or refuse benefit claims', roles: ['benefits-approver'] },
  'benefit-payment.manage': {
    description: 'Generate benefit payment files and record the bank’s results',
    roles: ['municipality-admin'],
  },
  'birth-report.enter': { description: 'Enter birth reports (出生届)', roles: ['municipality-admin'] },
  // health (issue 7): linking a child to the municipality's resident number (宛名番号) for subsidies.
  'health-link.manage': {
    description: 'Link a child to the municipality’s resident number for medical subsidies',
    roles: ['health-officer'],
  },
  'health-checkup.record': {
    description: 'Record 乳幼児健診 and 妊婦健診 results for the municipality',
    roles: ['health-officer'],
  },
  // hokatsu (nursery one-stop): parents book visits and apply for their own household; screeners allocate.
  'nursery-visit.book': { description: 'Book, cancel and reschedule nursery visit tours', parent: true },
  'nursery-application.apply': {
    description: 'Apply for a nursery place, upload documents, answer an offer',
    parent: true,
  },
  'nursery-allocation.run': { description: 'Run and publish a nursery allocation round', roles: ['nursery-screener'] },
  'nursery-consultation.book': { description: 'Book and cancel an online nursery consultation', parent: true },
  'nursery-consultation.manage': {
    description: 'Publish online consultation slots and see who booked them',
    roles: ['nursery-screener', 'municipality-admin'],
  },
  'registry.read-api': { description: 'Read the registry through the partner API', partnerScope: 'registry:read' },
} as const satisfies Record<PermissionName, Grant>;

export type Permission = keyof typeof PERMISSIONS;

export function permissionGrant(permission: Permission): Grant {
  return PERMISSIONS[permission];
}
