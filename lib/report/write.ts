// Writes every report of a run into the report dir.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scrubDeep } from '../redact.ts';
import type { ResultsFile } from '../types.ts';
import { toHtml } from './html.ts';
import { toJUnit } from './junit.ts';

export async function writeReports(dir: string, file: ResultsFile, _opts: { compareWith?: ResultsFile } = {}): Promise<{ paths: string[] }> {
  mkdirSync(dir, { recursive: true });
  const clean = scrubDeep(file);
  const out: [string, string][] = [
    ['results.json', JSON.stringify(clean, null, 2) + '\n'],
    ['junit.xml', toJUnit(clean)],
    ['report.html', toHtml(clean)],
  ];
  for (const [name, text] of out) writeFileSync(join(dir, name), text);
  return { paths: out.map(([n]) => join(dir, n)) };
}
