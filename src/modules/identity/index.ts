import type { TsunaguModule } from '../../platform/module.ts';
import './identity.events.ts';
import { identityRoutes } from './identity.routes.ts';
import { grantQueueAccess } from './use-cases/grant-queue-access.ts';
import { seedDemoStaff } from './use-cases/seed-demo-staff.ts';
import { usersCommand } from './users.command.ts';

export type { HouseholdView } from './identity.schemas.ts';
export { registerIdentityAuth } from './sessions/auth-hook.ts';

/** Parents, households, staff, partner apps; sign-in, sessions and signatures. */
export const identityModule: TsunaguModule = {
  name: 'identity',
  routes: (app, services) => identityRoutes(app, services),
  syncReferenceData: (services) => grantQueueAccess(services.db),
  seedDemo: (services) => seedDemoStaff(services),
  commands: [usersCommand],
};
