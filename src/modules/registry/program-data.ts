/** The normalised program, as imported from the Tokyo file or edited by staff; stored as jsonb per version. */

export const AGE_SOURCES = ['explicit', 'inferred', 'unknown'] as const;
export type AgeSource = (typeof AGE_SOURCES)[number];

/**
 * What an income test is measured on, where the text says so. `child-support-allowance` is the common stand-in
 * "receives 児童扶養手当"; `unspecified` means an income limit is mentioned without saying what it measures.
 */
export const INCOME_BASES = [
  'none',
  'income',
  'resident-tax',
  'income-tax',
  'annual-income',
  'child-support-allowance',
  'unspecified',
] as const;
export type IncomeBasis = (typeof INCOME_BASES)[number];

export interface Period {
  from: string | null;
  to: string | null;
  fromTime: string | null;
  toTime: string | null;
  /** Free text (「随時」, 申請期限 rules…), kept as written. */
  text: string | null;
}

export interface Link {
  title: string | null;
  url: string;
  /** `field`: a link field of the record; `text`: pulled out of `タイトル;URL` inside a text field. */
  source: 'field' | 'text';
}

export interface Contact {
  name: string | null;
  phone: string | null;
  extension: string | null;
  email: string | null;
  url: string | null;
  address: string | null;
  zipCode: string | null;
  comment: string | null;
}

export interface ProgramData {
  municipalityCode: string;
  name: string;
  shortName: string | null;
  summary: string | null;
  targetText: string | null;
  categories: string[];
  targets: string[];
  contents: string[];
  ageMonths: { min: number | null; max: number | null; source: AgeSource };
  prenatal: boolean;
  incomeBasis: IncomeBasis | null;
  procedurePeriod: Period;
  implementationPeriod: Period;
  links: Link[];
  contact: Contact | null;
  url: string | null;
  sourceUpdatedOn: string | null;
}

export const EMPTY_PERIOD: Period = { from: null, to: null, fromTime: null, toTime: null, text: null };
