import type { ProgramData } from '../registry/index.ts';
import type { Evidence } from './extraction/candidate.ts';
import { APPLICABLE_FIELDS, type ProposalField, type ProposedFields } from './extraction/extractor.ts';

export interface DiffRow {
  field: ProposalField;
  /** false: shown for information (contact, amounts); the registry's edit use case has no field for it. */
  applicable: boolean;
  current: unknown;
  proposed: unknown;
  changed: boolean;
  evidence: Evidence[];
}

function currentValue(data: ProgramData, field: ProposalField): unknown {
  switch (field) {
    case 'ageMonths':
      return { min: data.ageMonths.min, max: data.ageMonths.max };
    case 'procedurePeriod':
    case 'implementationPeriod':
      return { from: data[field].from, to: data[field].to };
    case 'contactPhone':
      return data.contact?.phone ?? null;
    case 'contactEmail':
      return data.contact?.email ?? null;
    case 'amounts':
      return null;
    default:
      return data[field];
  }
}

const ORDER: ProposalField[] = [...APPLICABLE_FIELDS, 'contactPhone', 'contactEmail', 'amounts'];

/** One row per proposed field: the record's current value beside the proposal and its evidence. */
export function proposalDiff(current: ProgramData, fields: ProposedFields): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const field of ORDER) {
    const proposed = fields[field];
    if (!proposed) continue;
    const before = currentValue(current, field);
    rows.push({
      field,
      applicable: (APPLICABLE_FIELDS as readonly string[]).includes(field),
      current: before,
      proposed: proposed.value,
      changed: JSON.stringify(before) !== JSON.stringify(proposed.value),
      evidence: proposed.evidence,
    });
  }
  return rows;
}
