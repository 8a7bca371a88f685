import { findAges, findPrenatal } from './ages.ts';
import { type Candidate, foldWidth } from './candidate.ts';
import { findDates, findPeriods } from './dates.ts';
import type { ExtractionInput, ExtractionResult, Extractor } from './extractor.ts';
import { findEmails, findMoney, findPhones, findUrls } from './money-and-contacts.ts';
import { proposeFields } from './propose-fields.ts';

/** Every candidate value in the text, each with the span it was read from, in reading order. */
export function extractCandidates(text: string): Candidate[] {
  const folded = foldWidth(text);
  const dates = findDates(text, folded);
  const all: Candidate[] = [
    ...dates,
    ...findPeriods(text, folded, dates),
    ...findAges(text, folded),
    ...findPrenatal(text, folded),
    ...findMoney(text, folded),
    ...findPhones(text, folded),
    ...findEmails(text, folded),
    ...findUrls(text, folded),
  ];
  return all.sort((a, b) => a.evidence.start - b.evidence.start);
}

/** The default extractor: regular Japanese patterns only, offline, same answer every time. */
export const japaneseExtractor: Extractor = {
  name: 'deterministic',
  async extract(input: ExtractionInput): Promise<ExtractionResult> {
    const candidates = extractCandidates(input.text);
    return { extractor: 'deterministic', notices: [], fields: proposeFields(input, candidates), candidates };
  },
};
