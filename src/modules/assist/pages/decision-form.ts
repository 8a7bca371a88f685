import { APPLICABLE_FIELDS, type ApplicableField } from '../extraction/extractor.ts';
import type { FieldDecision } from '../proposal-decisions.ts';

export type FormBody = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
const orNull = (v: string) => (v === '' ? null : v);
const monthsOrRaw = (v: string) => (v === '' ? null : /^\d+$/.test(v) ? Number(v) : v);

/** The proposal form (`decision.<field>` radios and the edit inputs) as decisions for `decideProposal`. */
export function decisionsFromForm(body: FormBody): Partial<Record<ApplicableField, FieldDecision>> {
  const decisions: Partial<Record<ApplicableField, FieldDecision>> = {};
  for (const field of APPLICABLE_FIELDS) {
    const action = one(body[`decision.${field}`]);
    if (action === 'accept' || action === 'reject') decisions[field] = { action };
    else if (action === 'edit') {
      let value: unknown;
      if (field === 'ageMonths')
        value = { min: monthsOrRaw(one(body['ageMonths.min'])), max: monthsOrRaw(one(body['ageMonths.max'])) };
      else if (field === 'procedurePeriod' || field === 'implementationPeriod')
        value = { from: orNull(one(body[`${field}.from`])), to: orNull(one(body[`${field}.to`])) };
      else if (field === 'prenatal') value = one(body.prenatal) === 'true';
      else if (field === 'name') value = one(body.name);
      else value = orNull(one(body[field]));
      decisions[field] = { action: 'edit', value };
    }
  }
  return decisions;
}
