// The reports are streamed in chunks (lib/report/stream.ts) so that 20,000 results never exist as one string;
// the chunked text must be exactly what the one-string form was. The golden files (formats.test.ts) guard JUnit
// and results.json; this guards the JSON walker itself and the report.html data block.
// Stand-ins: the results are a fixture (test/helpers/results-fixture.ts); values are generated (fast-check).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allureEntries } from '../../lib/report/allure.ts';
import { jsonForScript } from '../../lib/report/html.ts';
import { jsonChunks, writeChunks } from '../../lib/report/stream.ts';
import { sortFailuresFirst } from '../../lib/report/summary.ts';
import { writeReports } from '../../lib/report/write.ts';
import { fixtureResults } from '../helpers/results-fixture.ts';

const joined = (v: unknown, space: string, depth: number) => [...jsonChunks(v, space, depth)].join('');

describe('jsonChunks', () => {
  it('is JSON.stringify, byte for byte, for any JSON value, indent and depth', () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined))))),
    );
    fc.assert(
      fc.property(value, fc.constantFrom('', '  ', '\t'), fc.integer({ min: 0, max: 4 }), (v, space, depth) => {
        expect(joined(v, space, depth)).toBe(JSON.stringify(v, null, space));
      }),
      { numRuns: 500 },
    );
  });
  it('honours toJSON and strings holding newlines, line separators and "</script>"', () => {
    const v = { when: new Date(0), s: 'a\nb\u2028</script>', list: [{ x: [1, { y: undefined }] }, undefined, () => 1], empty: { a: [], o: {} } };
    for (const space of ['', '  ']) expect(joined(v, space, 2)).toBe(JSON.stringify(v, null, space));
  });
  it('writeChunks writes the chunks in order, past its buffer size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kv-stream-'));
    const chunks = Array.from({ length: 3000 }, (_, i) => `${i}:${'x'.repeat(1000)}\n`);
    writeChunks(join(dir, 'f'), chunks);
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe(chunks.join(''));
  });
});

describe('streamed reports', () => {
  it('report.html embeds exactly jsonForScript of the results (failures first), results.json is the pretty JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kv-stream-'));
    const f = fixtureResults();
    f.results[0]!.evidence.push('</script><script>alert(1)</script> \u2028 & <!--');
    const { file } = await writeReports(dir, f, { allure: false });
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain(`<script type="application/json" id="kv-data">${jsonForScript({ ...file, results: sortFailuresFirst(file.results) })}</script>`);
    expect(readFileSync(join(dir, 'results.json'), 'utf8')).toBe(`${JSON.stringify(file, null, 2)}\n`);
  });
  it('allure: one result file per result (plus attachments) and categories.json, made one at a time', () => {
    const f = fixtureResults();
    const names = [...allureEntries(f)].map(([n]) => n);
    expect(names.filter((n) => n.endsWith('-result.json'))).toHaveLength(f.results.length);
    expect(names.at(-1)).toBe('categories.json');
  });
});
