// @ts-nocheck
// Writes every report of a run into the report dir.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirs } from '../dirs.ts';
import { scrubDeep } from '../redact.ts';
import type { ResultsFile } from '../types.ts';
import { writeAllureResults } from './allure.ts';
import { toHtml } from './html.ts';
import { toJUnit } from './junit.ts';

export async function writeReports(dir: string, file: ResultsFile, opts: { compareWith?: ResultsFile; allure?: boolean } = {}): Promise<{ paths: string[]; file: ResultsFile }> {
  makeDirs(dir);
  const clean = scrubDeep(file);
  // one report in memory at a time: at 20,000 results each is ~10 MB of text
  const outputs: [string, (f: ResultsFile) => string][] = [
    ['results.json', (f) => JSON.stringify(f, null, 2) + '\n'],
    ['junit.xml', toJUnit],
    ['report.html', toHtml],
  ];
  for (const [name, render] of outputs) writeFileSync(join(dir, name), render(clean));
  // allure-results/ from the same results (KV_ALLURE=0: none)
  if (opts.allure !== false) await writeAllureResults(join(dir, 'allure-results'), clean);
  return { paths: outputs.map(([n]) => join(dir, n)), file: clean };
}
