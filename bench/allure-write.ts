// npx tsx bench/allure-write.ts [hosts] [requirements]: the cost of allure-results/ alone, for a run of that size,
// written the way the CLI writes it now (lib/report/allure.ts: after the run, plain async writes, no fsync) and
// the way allure-vitest wrote it during the run (allure-js-commons' FileSystemWriter: every file to a temp file,
// fsync, rename, synchronously). Same files, same directory's file system. Prints both and the ratio.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSystemWriter } from 'allure-js-commons/sdk/reporter';
import { allureFiles, writeAllureResults } from '../lib/report/allure.ts';
import { bigResults } from '../test/helpers/results-fixture.ts';

const hosts = Number(process.argv[2] ?? 100);
const reqs = Number(process.argv[3] ?? 29);
const file = bigResults(hosts, reqs);
const base = mkdtempSync(join(tmpdir(), 'kv-allure-bench-'));

let t = performance.now();
await writeAllureResults(join(base, 'ours'), file);
const ours = performance.now() - t;

const old = join(base, 'fsync');
const writer = new FileSystemWriter({ resultsDir: old });
t = performance.now();
for (const [name, content] of allureFiles(file)) {
  if (name.endsWith('-result.json')) writer.writeResult(JSON.parse(content));
  else writer.writeAttachment(name, Buffer.from(content));
}
const fsync = performance.now() - t;
const n = readdirSync(join(base, 'ours')).length;
process.stdout.write(`${hosts} hosts × ${reqs} requirements = ${file.results.length} results, ${n} files\n`);
process.stdout.write(`after the run, async, no fsync (now):           ${Math.round(ours)} ms\n`);
process.stdout.write(`FileSystemWriter (temp + fsync + rename, sync): ${Math.round(fsync)} ms (×${(fsync / ours).toFixed(1)})\n`);
