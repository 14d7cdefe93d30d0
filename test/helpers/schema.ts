// The published JSON Schemas (docs/schema/) with a maintained validator (Ajv, draft 2020-12, formats checked).
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export type SchemaName = 'results' | 'inventory' | 'profile' | 'waivers';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
(addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
const compiled = new Map<SchemaName, ReturnType<Ajv2020['compile']>>();

export function schemaFile(name: SchemaName): string {
  return new URL(`../../docs/schema/${name}.schema.json`, import.meta.url).pathname;
}

/** The validation errors of `value` against docs/schema/<name>.schema.json, as readable lines ([] = valid). */
export function schemaErrors(name: SchemaName, value: unknown): string[] {
  let v = compiled.get(name);
  if (!v) compiled.set(name, (v = ajv.compile(JSON.parse(readFileSync(schemaFile(name), 'utf8')) as object)));
  return v(value)
    ? []
    : (v.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`,
      );
}

/** Throws when a results.json the tests read does not follow its published schema. */
export function assertValidResults(value: unknown, where: string): void {
  const errors = schemaErrors('results', value);
  if (errors.length) throw new Error(`${where}: results.json does not follow docs/schema/results.schema.json:\n  ${errors.slice(0, 10).join('\n  ')}`);
}
