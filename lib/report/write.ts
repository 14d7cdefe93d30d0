// Writes every report of a run into the report dir.
import { join } from 'node:path';
import { makeDirs } from '../dirs.ts';
import { memTrace } from '../run/memtrace.ts';
import { scrubDeep } from '../redact.ts';
import type { ResultsFile } from '../types.ts';
import { writeAllureResults } from './allure.ts';
import { htmlChunks } from './html.ts';
import { junitChunks } from './junit.ts';
import { jsonChunks, writeChunks } from './stream.ts';

function* resultsJson(f: ResultsFile): Generator<string> {
  yield* jsonChunks(f, '  ');
  yield '\n';
}

export async function writeReports(
  dir: string,
  file: ResultsFile,
  opts: { compareWith?: ResultsFile; allure?: boolean } = {},
): Promise<{ paths: string[]; file: ResultsFile }> {
  makeDirs(dir);
  const clean = scrubDeep(file);
  // one report at a time, each streamed to its file a result at a time: at 20,000 results each is 10–14 MB of text
  const outputs: [string, (f: ResultsFile) => Iterable<string>][] = [
    ['results.json', resultsJson],
    ['junit.xml', junitChunks],
    ['report.html', htmlChunks],
  ];
  for (const [name, render] of outputs) {
    writeChunks(join(dir, name), render(clean));
    memTrace(`${name} written`);
  }
  // allure-results/ from the same results (KV_ALLURE=0: none)
  if (opts.allure !== false) await writeAllureResults(join(dir, 'allure-results'), clean);
  if (opts.allure !== false) memTrace('allure-results written');
  return { paths: outputs.map(([n]) => join(dir, n)), file: clean };
}
