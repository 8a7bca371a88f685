import type { TsunaguModule } from '../platform/module.ts';
import { assistModule } from './assist/index.ts';
import { benefitsModule } from './benefits/index.ts';
import { healthModule } from './health/index.ts';
import { hokatsuModule } from './hokatsu/index.ts';
import { identityModule } from './identity/index.ts';
import { municipalitiesModule } from './municipalities/index.ts';
import { notifyModule } from './notify/index.ts';
import { portalModule } from './portal/index.ts';
import { registryModule } from './registry/index.ts';

/** Every domain module, in dependency order (a module's reference data may rely on an earlier one's). */
export const modules: readonly TsunaguModule[] = [
  municipalitiesModule,
  identityModule,
  registryModule,
  healthModule,
  benefitsModule,
  hokatsuModule,
  notifyModule,
  portalModule,
  assistModule,
];
