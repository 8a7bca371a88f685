import type { AgeBounds, Candidate, Evidence, Money } from './candidate.ts';

/** A proposed value and the spans of the input it rests on; staff see the spans highlighted. */
export interface Proposed<T> {
  value: T;
  evidence: Evidence[];
}

export interface ProposedPeriod {
  from: string | null;
  to: string | null;
}

/**
 * What an extractor proposes for a program. The first eight map onto registry fields staff may edit; the contact
 * and amounts are shown as information (the registry's edit use case has no field for them).
 */
export interface ProposedFields {
  name?: Proposed<string>;
  summary?: Proposed<string>;
  targetText?: Proposed<string>;
  ageMonths?: Proposed<AgeBounds>;
  prenatal?: Proposed<boolean>;
  procedurePeriod?: Proposed<ProposedPeriod>;
  implementationPeriod?: Proposed<ProposedPeriod>;
  url?: Proposed<string>;
  contactPhone?: Proposed<string>;
  contactEmail?: Proposed<string>;
  amounts?: Proposed<Money[]>;
}
export type ProposalField = keyof ProposedFields;

export const APPLICABLE_FIELDS = [
  'name',
  'summary',
  'targetText',
  'ageMonths',
  'prenatal',
  'procedurePeriod',
  'implementationPeriod',
  'url',
] as const satisfies readonly ProposalField[];
export type ApplicableField = (typeof APPLICABLE_FIELDS)[number];

export interface ExtractionInput {
  /** Plain text of the page or document (HTML already reduced to text). */
  text: string;
  /** The page's own title (HTML <title>/<h1>), when there is one. */
  title?: string | null;
}

export interface ExtractionResult {
  extractor: 'deterministic' | 'llm';
  /** Said to staff: e.g. the LLM timed out and the deterministic result is shown instead. */
  notices: { en: string; ja: string }[];
  fields: ProposedFields;
  candidates: Candidate[];
}

/** Both extractors answer with the same typed proposal; page text only ever fills it. */
export interface Extractor {
  name: string;
  extract(input: ExtractionInput): Promise<ExtractionResult>;
}
