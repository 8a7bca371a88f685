import { readFileSync } from 'node:fs';
import type { AppServices } from '../../../platform/services.ts';
import { normalizeNurseryName } from '../nurseries/decode-text.ts';
import {
  nurseriesByName,
  upsertMinimumIndices,
  upsertNurseries,
  upsertVacancies,
} from '../nurseries/nursery.repository.ts';
import { importVacancyList } from './import-nursery-data.ts';

const MEGURO = '131105';
const HACHIOJI = '132012';
export const MEGURO_ATTRIBUTION = '目黒区「区内保育施設の空き状況（例月）」2026-08-21 (CC BY 4.0)';
export const FICTIONAL_ATTRIBUTION = 'デモ用の架空データ（実在しません） / Fictional demo data';

const FICTIONAL = [
  {
    name: 'ひだまり保育園（架空）',
    lat: 35.6557,
    lng: 139.3389,
    opens: '07:00',
    closes: '19:00',
    min: [18, 17, 16, null, null, null],
  },
  {
    name: 'さくら通り保育園（架空）',
    lat: 35.6611,
    lng: 139.3283,
    opens: '07:30',
    closes: '18:30',
    min: [19, 18, 17, 15, 12, null],
  },
  {
    name: 'みなみ野こども園（架空）',
    lat: 35.6289,
    lng: 139.3786,
    opens: '07:15',
    closes: '20:00',
    min: [null, 20, 18, 16, 14, 12],
  },
];

/** Idempotent: upserts keyed by (municipality, source, external id) and by (nursery, month/round, age). */
export async function seedDemoNurseries(services: AppServices): Promise<string> {
  const raw = JSON.parse(readFileSync(new URL('../nurseries/demo/meguro-vacancies.json', import.meta.url), 'utf8'));
  const meguro = await importVacancyList(
    services.db,
    { municipalityCode: MEGURO },
    { raw, attribution: MEGURO_ATTRIBUTION },
  );

  const scope = { municipalityCode: HACHIOJI };
  await services.db.transaction(async (tx) => {
    await upsertNurseries(
      tx,
      'demo',
      FICTIONAL_ATTRIBUTION,
      FICTIONAL.map((f, i) => ({
        municipalityCode: HACHIOJI,
        externalId: `demo-${i + 1}`,
        name: f.name,
        nameKana: null,
        category: i === 2 ? 'certified-kodomoen' : 'licensed',
        typeLabel: null,
        address: '東京都八王子市（架空の住所）',
        latitude: f.lat,
        longitude: f.lng,
        capacity: 60 + i * 20,
        minAgeClass: i === 2 ? 1 : 0,
        maxAgeClass: 5,
        opensAt: f.opens,
        closesAt: f.closes,
        extendedCare: true,
        temporaryCare: i !== 1,
        phone: null,
        url: null,
        notes: null,
      })),
    );
    const ids = await nurseriesByName(tx, scope);
    const month = `${new Date().toISOString().slice(0, 7)}-01`;
    const vacancyRows = FICTIONAL.flatMap((f, i) =>
      [0, 1, 2, 3, 4, 5].map((age) => ({
        nurseryId: ids.get(normalizeNurseryName(f.name))!,
        month,
        ageClass: age,
        vacancies: (i + age) % 3,
        waiting: null,
        asOf: null,
      })),
    );
    await upsertVacancies(tx, scope, 'demo', vacancyRows);
    const minimumRows = FICTIONAL.flatMap((f) =>
      f.min.flatMap((value, age) =>
        value === null
          ? []
          : [
              {
                nurseryId: ids.get(normalizeNurseryName(f.name))!,
                roundMonth: '2025-04-01',
                roundNo: 1,
                ageClass: age,
                minimumIndex: value,
                label: null,
              },
            ],
      ),
    );
    await upsertMinimumIndices(tx, scope, 'demo', minimumRows);
  });
  return `${meguro.vacancies} vacancy rows of 目黒区 (CC BY 4.0), ${FICTIONAL.length} fictional 八王子市 nurseries`;
}
