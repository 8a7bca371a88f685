import type { DbOrTx } from '../../platform/db/database.ts';
import { nurseriesByName, upsertNurseries } from './nurseries/nursery.repository.ts';

/** Test factory: a licensed nursery for ages 0–5 with only a name, in the given municipality; returns its id. */
export async function makeTestNursery(db: DbOrTx, municipalityCode: string, name: string): Promise<string> {
  await upsertNurseries(db, 'test', 'test', [
    {
      municipalityCode,
      externalId: name,
      name,
      nameKana: null,
      category: 'licensed',
      typeLabel: null,
      address: null,
      latitude: null,
      longitude: null,
      capacity: null,
      minAgeClass: 0,
      maxAgeClass: 5,
      opensAt: null,
      closesAt: null,
      extendedCare: null,
      temporaryCare: null,
      phone: null,
      url: null,
      notes: null,
    },
  ]);
  const id = (await nurseriesByName(db, { municipalityCode })).get(name);
  if (!id) throw new Error(`test nursery ${name} was not stored`);
  return id;
}
