import type { TsunaguModule } from '../../platform/module.ts';
import { municipalitiesRoutes } from './municipalities.routes.ts';
import { syncMunicipalities } from './use-cases/sync-municipalities.ts';

export { municipalityCodeSchema } from './municipalities.schemas.ts';
export { findMunicipality, MUNICIPALITIES, type Municipality } from './municipality-catalog.ts';
export { isValidMunicipalityCode, TOKYO_CODE } from './municipality-code.ts';

export const municipalitiesModule: TsunaguModule = {
  name: 'municipalities',
  routes: (app) => municipalitiesRoutes(app),
  syncReferenceData: (services) => syncMunicipalities(services.db),
};
