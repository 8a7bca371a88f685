import type { TsunaguModule } from '../../platform/module.ts';
import { assistApiRoutes } from './assist-api.routes.ts';
import { messageDraftsApiRoutes } from './message-drafts-api.routes.ts';
import { assistPageRoutes } from './pages/assist-pages.routes.ts';
import { draftPageRoutes } from './pages/draft-pages.routes.ts';
import { handoutPageRoutes } from './pages/handout-pages.routes.ts';

export type { ExtractionResult, Extractor, ProposedFields } from './extraction/extractor.ts';
export { extractCandidates, japaneseExtractor } from './extraction/japanese-extractor.ts';

/** AI-assisted registry upkeep: proposals from municipal pages, decided by staff, applied through the registry. */
export const assistModule: TsunaguModule = {
  name: 'assist',
  async routes(app, services) {
    await assistApiRoutes(app, services);
    await messageDraftsApiRoutes(app, services);
    await assistPageRoutes(app, services);
    await handoutPageRoutes(app, services);
    await draftPageRoutes(app, services);
  },
};
