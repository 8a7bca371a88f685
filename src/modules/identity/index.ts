import type { TsunaguModule } from '../../platform/module.ts';
import './identity.events.ts';
import { grantQueueAccess } from './use-cases/grant-queue-access.ts';

export type { HouseholdView } from './identity.schemas.ts';

/** Parents, households, staff, partner apps; sign-in, sessions and signatures. */
export const identityModule: TsunaguModule = {
  name: 'identity',
  syncReferenceData: (services) => grantQueueAccess(services.db),
};
