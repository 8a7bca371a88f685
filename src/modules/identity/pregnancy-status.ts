import type { PregnancyStatus } from './tables/household.tables.ts';

/** expecting → delivered (a birth) or ended (any other end); both are final. */
export const PREGNANCY_TRANSITIONS: Record<PregnancyStatus, readonly PregnancyStatus[]> = {
  expecting: ['delivered', 'ended'],
  delivered: [],
  ended: [],
};

export function canMovePregnancy(from: PregnancyStatus, to: PregnancyStatus): boolean {
  return from === to || PREGNANCY_TRANSITIONS[from].includes(to);
}
