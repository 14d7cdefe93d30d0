// @ts-nocheck
// The golden files (fixtures/report/*.golden.*, fixtures/verdicts/sides.golden.json): what the formats and sides
// tests compare against, and the only writer of those files (`npm run golden:update`, a person's decision after reviewing the diff — never a test).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toJUnit } from '../../lib/report/junit.ts';
import { writeReports } from '../../lib/report/write.ts';
import { fixtureResults } from './results-fixture.ts';
import { sideVerdicts } from './sides.ts';

export const goldenJUnit = () => toJUnit(fixtureResults());

export async function goldenResultsJson(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kv-golden-'));
  await writeReports(dir, fixtureResults());
  return readFileSync(join(dir, 'results.json'), 'utf8');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = (name: string) => new URL(`../../fixtures/report/${name}`, import.meta.url).pathname;
  writeFileSync(out('junit.golden.xml'), goldenJUnit());
  writeFileSync(out('results.golden.json'), await goldenResultsJson());
  writeFileSync(new URL('../../fixtures/verdicts/sides.golden.json', import.meta.url), `${JSON.stringify(sideVerdicts(), null, 1)}\n`);
  process.stderr.write('fixtures/report/junit.golden.xml, results.golden.json and fixtures/verdicts/sides.golden.json rewritten: review git diff\n');
}
