import type { Lang } from '../../../platform/i18n/i18n.ts';
import { findMunicipality, TOKYO_CODE } from '../../municipalities/index.ts';
import type { ProgramSummary } from '../program-view.ts';
import { registryMessages } from '../registry.messages.ts';

const parts = (months: number) => ({ years: Math.floor(months / 12), months: months % 12 });

/** Plain-language reasons a program is in a parent's results, in the order a parent would check them. */
export function whyThisMatches(
  lang: Lang,
  program: ProgramSummary,
  search: { ageMonths: number | null; prenatal: boolean },
): string[] {
  const m = registryMessages(lang);
  const reasons: string[] = [];
  const municipality = findMunicipality(program.municipalityCode);
  reasons.push(
    program.municipalityCode === TOKYO_CODE
      ? m.whyTokyo
      : m.whyArea((lang === 'ja' ? municipality?.name : municipality?.nameEn) ?? program.municipalityCode),
  );
  if (search.prenatal) {
    reasons.push(m.whyPrenatal);
  } else if (search.ageMonths != null) {
    const { min, max, source } = program.ageMonths;
    const age = m.age(parts(search.ageMonths));
    if (source === 'unknown') {
      reasons.push(m.whyAgeUnknown);
    } else {
      const note = source === 'inferred' ? m.inferredNote : '';
      // max is exclusive: the last month included is max − 1.
      const from = min != null ? m.age(parts(min)) : null;
      const until = max != null ? m.age(parts(max - 1)) : null;
      const text =
        from && until
          ? m.whyAge(`${from}〜${until}`, age)
          : from
            ? m.whyAgeFrom(from, age)
            : m.whyAgeUntil(until!, age);
      reasons.push(text + note);
    }
  }
  return reasons;
}

/** The upcoming deadline as a parent reads it: a date still ahead, else the period's own words. */
export function upcomingDeadline(lang: Lang, program: ProgramSummary, today: string): string {
  const m = registryMessages(lang);
  const p = program.procedurePeriod;
  if (p.to && p.to >= today) {
    const [y, mo, d] = p.to.split('-').map(Number);
    return m.deadline(lang === 'ja' ? `${y}年${mo}月${d}日` : p.to);
  }
  if (p.text) {
    const first = p.text.split('\n').find((line) => line.trim()) ?? '';
    return m.period(first.length > 80 ? `${first.slice(0, 80)}…` : first);
  }
  return m.noDeadline;
}
