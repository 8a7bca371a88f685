import type { TsunaguModule } from '../../platform/module.ts';
import './identity.events.ts';
import { identityRoutes } from './identity.routes.ts';
import { seedDemoStaff } from './use-cases/seed-demo-staff.ts';
import { usersCommand } from './users.command.ts';

// The identity module's surface for other modules. Permissions, tenant scopes and the Actor type live in
// src/platform/access and src/platform/db/tenant-scope.ts; request.actor is set for every request by the auth hook.

export type { ConsentView } from './consent.schemas.ts';
export type { RegisteredAccount } from './demo-card/demo-public-receipt-accounts.ts';
export type { ChildView, HouseholdView, PregnancyView } from './identity.schemas.ts';
export { registerIdentityAuth, requireSignedIn, SESSION_COOKIE } from './sessions/auth-hook.ts';
/** The signing and trust store other modules use for card-signed documents (benefits applications). */
export { SignatureService } from './signatures/signature-service.ts';
export { type SignatureFailure, type TrustStore, verifyDocumentSignature } from './signatures/verify-signature.ts';
export type { Sex } from './tables/household.tables.ts';
export { CookieJarClient, formField } from './testing/cookie-jar-client.ts';
/** Typed factories for other modules' tests: parents with households, staff with sessions. */
export {
  makeHouseholdWithChild,
  makeParent,
  makeStaff,
  parentActor,
  parentCookie,
  staffActor,
  staffCookie,
} from './testing/identity-factories.ts';
/** Demo seeds of other modules: a staff or nursery-staff account with the demo credentials (demo mode only). */
export { ensureDemoStaffAccount } from './use-cases/ensure-demo-staff-account.ts';
/**
 * A parent's or permitted staff member's read of a household (authorized, scoped, audited); `withHousehold` runs
 * the caller's own reads in the same scoped transaction (benefits' apply page and submission).
 */
export { getHousehold, withHousehold } from './use-cases/get-household.ts';
/** The signed-in parent's 公金受取口座 (demo card authority only; null elsewhere). */
export { getPublicReceiptAccount } from './use-cases/get-public-receipt-account.ts';
/** Whether a parent's consent (partner app, channel, clinic sharing) is in force. */
export { hasConsent } from './use-cases/manage-consents.ts';
/** A system read (jobs, subscribers) of a household, audited with its purpose. */
export { readHouseholdAsSystem } from './use-cases/read-household-as-system.ts';
/** A parent adds a child to their own household (benefits: confirming a reported birth with one tap). */
export { registerChild } from './use-cases/register-child.ts';
/** Staff find a household by a guardian's name, address or birth date (own municipality, audited). */
export { type HouseholdMatch, searchHouseholds } from './use-cases/search-households.ts';
/** A parent signs a document digest with the card (demo card authority in demo mode). */
export { signDocument } from './use-cases/sign-document.ts';
/** The same signature for a caller that has just read the parent's household (benefits applications). */
export { signForReadHousehold } from './use-cases/sign-for-read-household.ts';
export type { UseCaseContext } from './use-cases/use-case-context.ts';

/** Parents, households, staff, partner apps; sign-in, sessions, consents and signatures. */
export const identityModule: TsunaguModule = {
  name: 'identity',
  routes: (app, services) => identityRoutes(app, services),
  seedDemo: (services) => seedDemoStaff(services),
  commands: [usersCommand],
};
