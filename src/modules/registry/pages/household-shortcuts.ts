import type { Actor } from '../../../platform/access/actor.ts';
import type { AppServices } from '../../../platform/services.ts';
import { ageInMonths, compareDates, plainDate } from '../../../platform/time/civil-age.ts';
import { getHousehold } from '../../identity/index.ts';

/** One ready-made search for the signed-in household: a child at today's age, or a pregnancy. */
export interface HouseholdShortcut {
  label: string;
  href: string;
  /** Age in whole months (legal age rule), null for a pregnancy. */
  ageMonths: number | null;
}

/**
 * 「世帯からさがす」: a signed-in parent gets one link per child (and per ongoing pregnancy) that fills the search with
 * the household's municipality and the child's age today. The read goes through identity's `getHousehold`, so it
 * is authorized and audited like every other read of the household.
 */
export async function householdShortcuts(
  services: AppServices,
  actor: Actor,
  today: string,
  requestId: string,
): Promise<HouseholdShortcut[] | null> {
  if (actor.type !== 'parent' || !actor.householdId) return null;
  const household = await getHousehold(
    { services, actor, requestId },
    { householdId: actor.householdId, purpose: 'support-program search for own children' },
  );
  const on = plainDate(today);
  const base = `/programs?municipality=${household.municipalityCode}`;
  const shortcuts: HouseholdShortcut[] = household.children
    .filter((c) => compareDates(plainDate(c.birthDate), on) <= 0)
    .map((c) => {
      const months = ageInMonths(plainDate(c.birthDate), on);
      return {
        label: c.name,
        ageMonths: months,
        href: `${base}&years=${Math.floor(months / 12)}&months=${months % 12}`,
      };
    });
  if (household.pregnancies.some((p) => p.status === 'expecting')) {
    shortcuts.push({ label: '', ageMonths: null, href: `${base}&prenatal=true` });
  }
  return shortcuts;
}
