import type { ChildView, HouseholdView, PregnancyView } from './identity.schemas.ts';
import type { ChildRow, HouseholdRecord, PregnancyRow } from './repositories/household.repository.ts';

export function toChildView(row: ChildRow): ChildView {
  return {
    id: row.id,
    name: row.name,
    nameKana: row.nameKana,
    birthDate: row.birthDate,
    sex: row.sex,
    municipalityCode: row.municipalityCode,
  };
}

export function toPregnancyView(row: PregnancyRow): PregnancyView {
  return {
    id: row.id,
    parentId: row.parentId,
    expectedDeliveryDate: row.expectedDeliveryDate,
    status: row.status,
    municipalityCode: row.municipalityCode,
  };
}

export function toHouseholdView(record: HouseholdRecord): HouseholdView {
  return {
    id: record.id,
    municipalityCode: record.municipalityCode,
    parents: record.parents.map((p) => ({
      id: p.id,
      name: p.name,
      birthDate: p.birthDate,
      address: p.address,
      sex: p.sex,
      verifiedAt: p.verifiedAt.toISOString(),
    })),
    children: record.children.map(toChildView),
    pregnancies: record.pregnancies.map(toPregnancyView),
    residences: record.residences.map((r) => ({
      municipalityCode: r.municipalityCode,
      movedInOn: r.movedInOn,
      movedOutOn: r.movedOutOn,
    })),
    relationships: record.relationships,
  };
}
