import type { FastifyInstance } from 'fastify';
import { detectLang } from '../../../platform/i18n/i18n.ts';
import type { AppServices } from '../../../platform/services.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { findMunicipality } from '../../municipalities/index.ts';
import { tokyoToday } from '../program-view.ts';
import { registryMessages } from '../registry.messages.ts';
import { searchPrograms } from '../use-cases/search-programs.ts';
import { householdShortcuts } from './household-shortcuts.ts';
import { type ProgramsPageState, programsPage } from './programs-page.tsx';

const int = (value: unknown, max: number): number | null | 'bad' => {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : 'bad';
};

/**
 * 「制度をさがす」: a plain GET form, so it works without JavaScript and a result page can be bookmarked or shared.
 * Unknown age windows are shown (marked as such) because a parent should not miss a program the data is vague about.
 */
export async function programsPageRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/programs', { schema: { hide: true } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const lang = detectLang(request);
    const m = registryMessages(lang);
    const years = int(q.years, 18);
    const months = int(q.months, 11);
    const state: ProgramsPageState = {
      municipality: q.municipality ?? '',
      years: years === 'bad' ? null : years,
      months: months === 'bad' ? null : months,
      prenatal: q.prenatal === 'true',
      error: null,
      results: null,
      total: 0,
      today: tokyoToday(services.now()),
      household: null,
    };
    state.household = await householdShortcuts(services, request.actor, state.today, request.id);
    const submitted = q.municipality !== undefined;
    if (submitted) {
      if (years === 'bad' || months === 'bad') state.error = m.invalid;
      else if (!findMunicipality(state.municipality) || state.municipality === '130001')
        state.error = m.needMunicipality;
      else {
        const ageMonths = state.prenatal ? undefined : (state.years ?? 0) * 12 + (state.months ?? 0);
        const result = await searchPrograms(services, {
          municipality: state.municipality,
          ageMonths,
          prenatal: state.prenatal ? true : undefined,
          unknownAge: 'include',
          // Above the API's page size: the largest area (文京区, 198) plus Tokyo-wide fits on one page.
          limit: 500,
        });
        const rank = { explicit: 0, inferred: 1, unknown: 2 } as const;
        // For a born child, a pregnancy program with no stated age is almost always for pregnancy only.
        const items = state.prenatal
          ? result.items
          : result.items.filter((p) => !(p.prenatal && p.ageMonths.source === 'unknown'));
        state.results = items.sort((a, b) => rank[a.ageMonths.source] - rank[b.ageMonths.source]);
        state.total = result.total - (result.items.length - items.length);
      }
    }
    return sendPage(request, reply, (l) => programsPage(l, state), state.error ? 400 : 200);
  });
}
