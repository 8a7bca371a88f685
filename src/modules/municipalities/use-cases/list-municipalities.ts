import { MUNICIPALITIES, type Municipality, type MunicipalityKind } from '../municipality-catalog.ts';

export interface ListMunicipalitiesInput {
  kind?: MunicipalityKind;
}

export function listMunicipalities(input: ListMunicipalitiesInput = {}): { items: Municipality[] } {
  return { items: MUNICIPALITIES.filter((m) => !input.kind || m.kind === input.kind) };
}
