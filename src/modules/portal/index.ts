import type { TsunaguModule } from '../../platform/module.ts';
import { portalRoutes } from './portal.routes.ts';

/** The public front door: the home page that presents the four services and the portals. */
export const portalModule: TsunaguModule = {
  name: 'portal',
  routes: (app) => portalRoutes(app),
};
