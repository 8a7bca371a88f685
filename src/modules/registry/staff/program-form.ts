import { AppError } from '../../../platform/http/app-error.ts';
import type { Lang } from '../../../platform/i18n/i18n.ts';
import { municipalityCodeSchema } from '../../municipalities/index.ts';
import { EMPTY_PERIOD, type ProgramData } from '../program-data.ts';
import { type ProgramChanges, programChangesSchema } from '../program-input.ts';

export type FormBody = Record<string, string | string[] | undefined>;
export interface FieldMessage {
  field: string;
  message: string;
}

/** The form's values as typed, to show again next to the errors. */
export type ProgramFormValues = Record<string, string | undefined> & { prenatal?: string };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);
const months = (v: string | undefined) => {
  const t = v?.trim();
  if (!t) return null;
  return /^\d+$/.test(t) ? Number(t) : t;
};

export const FORM_FIELDS = [
  'name',
  'shortName',
  'summary',
  'targetText',
  'categories',
  'ageMonths.min',
  'ageMonths.max',
  'incomeBasis',
  'procedurePeriod.from',
  'procedurePeriod.to',
  'procedurePeriod.text',
  'url',
  'effectiveFrom',
  'effectiveTo',
  'municipalityCode',
] as const;

export function formValues(body: FormBody): ProgramFormValues {
  const values: ProgramFormValues = {};
  for (const f of FORM_FIELDS) values[f] = first(body[f]);
  values.prenatal = first(body.prenatal);
  return values;
}

/** The values a form starts from: the open draft (or the published data) of a program. */
export function valuesFromData(data: ProgramData, effectiveFrom: string | null, effectiveTo: string | null) {
  return {
    name: data.name,
    shortName: data.shortName ?? '',
    summary: data.summary ?? '',
    targetText: data.targetText ?? '',
    categories: data.categories.join(', '),
    'ageMonths.min': data.ageMonths.min?.toString() ?? '',
    'ageMonths.max': data.ageMonths.max?.toString() ?? '',
    incomeBasis: data.incomeBasis ?? '',
    'procedurePeriod.from': data.procedurePeriod.from ?? '',
    'procedurePeriod.to': data.procedurePeriod.to ?? '',
    'procedurePeriod.text': data.procedurePeriod.text ?? '',
    url: data.url ?? '',
    effectiveFrom: effectiveFrom ?? '',
    effectiveTo: effectiveTo ?? '',
    municipalityCode: data.municipalityCode,
    prenatal: data.prenatal ? 'on' : undefined,
  } satisfies ProgramFormValues;
}

/**
 * Reads the console form into the same `programChangesSchema` the JSON API uses, so the page and the API refuse the
 * same things. Fields the form does not show (implementation period, times, links, contact) keep their values.
 */
export function parseProgramForm(
  values: ProgramFormValues,
  base: ProgramData | null,
  lang: Lang,
  withMunicipality: boolean,
): { ok: true; changes: ProgramChanges & { municipalityCode?: string } } | { ok: false; errors: FieldMessage[] } {
  const procedure = base?.procedurePeriod ?? EMPTY_PERIOD;
  const raw = {
    name: values.name ?? '',
    shortName: text(values.shortName),
    summary: text(values.summary),
    targetText: text(values.targetText),
    categories: (values.categories ?? '')
      .normalize('NFKC')
      .split(/[,、\s]+/)
      .filter(Boolean)
      .map((c) => (/^\d{1,3}$/.test(c) ? c.padStart(3, '0') : c)),
    ageMonths: { min: months(values['ageMonths.min']), max: months(values['ageMonths.max']) },
    prenatal: values.prenatal === 'on' || values.prenatal === 'true',
    incomeBasis: text(values.incomeBasis),
    procedurePeriod: {
      ...procedure,
      from: text(values['procedurePeriod.from']),
      to: text(values['procedurePeriod.to']),
      text: text(values['procedurePeriod.text']),
    },
    implementationPeriod: base?.implementationPeriod ?? { ...EMPTY_PERIOD },
    url: text(values.url),
    effectiveFrom: text(values.effectiveFrom),
    effectiveTo: text(values.effectiveTo),
    ...(withMunicipality ? { municipalityCode: values.municipalityCode ?? '' } : {}),
  };
  const schema = withMunicipality
    ? programChangesSchema.extend({ municipalityCode: municipalityCodeSchema })
    : programChangesSchema;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, changes: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      // Category issues point at an array element; the form has one field for them all.
      const path = issue.path.filter((p) => typeof p === 'string').join('.');
      const ja = (issue as { params?: { ja?: string } }).params?.ja;
      return { field: path, message: lang === 'ja' ? (ja ?? '入力内容を確認してください') : issue.message };
    }),
  };
}

/** A use case's refusal as messages on the form; anything but a client error propagates. */
export function errorMessages(error: unknown, lang: Lang): FieldMessage[] {
  if (!(error instanceof AppError) || error.status >= 500) throw error;
  if (error.fieldErrors.length > 0) {
    return error.fieldErrors.map((f) => ({
      // The use case names the age window as a whole; the form shows it on its upper bound.
      field: f.field.replace(/^body\./, '').replace(/^ageMonths$/, 'ageMonths.max'),
      message: lang === 'ja' ? f.messageJa : f.message,
    }));
  }
  return [{ field: '', message: lang === 'ja' ? error.detail.ja : error.detail.en }];
}
