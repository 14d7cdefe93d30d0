// Published JSON Schemas (docs/schema/): the files the tool writes and reads follow them, and they reject what
// the loaders reject.
// Stand-ins: the results are a fixture (test/helpers/results-fixture.ts), written by the real report writer.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROFILE_KEYS } from '../../lib/config/profile.ts';
import { writeReports } from '../../lib/report/write.ts';
import { bigResults, fixtureResults } from '../helpers/results-fixture.ts';
import { schemaErrors, schemaFile } from '../helpers/schema.ts';

const yaml = (p: string) => parse(readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8')) as unknown;

describe('published schemas', () => {
  it('results.json as written (every status, waivers, --compare changes, failOn) validates; broken ones do not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kv-schema-'));
    const f = {
      ...fixtureResults(),
      failOn: 'warn' as const,
      changes: [{ kind: 'waived' as const, id: 'HOST-SWAP', host: 'm', from: 'fail' as const, to: 'waived' as const }],
      unusedWaivers: [{ id: 'X', host: '*', reason: 'r' }],
    };
    await writeReports(dir, f);
    expect(schemaErrors('results', JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')))).toEqual([]);
    expect(schemaErrors('results', bigResults(3, 4))).toEqual([]);
    const bad = fixtureResults() as unknown as { results: Record<string, unknown>[] };
    bad.results[0]!.status = 'passed';
    delete bad.results[3]!.reason; // a skip without its reason
    (bad.results[1] as Record<string, unknown>).extra = 1;
    expect(schemaErrors('results', bad)).toEqual(
      expect.arrayContaining([
        '/results/0/status must be equal to one of the allowed values',
        "/results/3 must have required property 'reason'",
        '/results/1 must NOT have additional properties: extra',
      ]),
    );
  });
  it('the shipped inventory, profile and waiver examples validate; mistakes do not', () => {
    expect(schemaErrors('inventory', yaml('vagrant/inventory.yaml'))).toEqual([]);
    expect(schemaErrors('profile', yaml('vagrant/profile.yaml'))).toEqual([]);
    expect(schemaErrors('waivers', { waivers: [{ id: 'HOST-SWAP*', host: 'node-*', reason: 'r', approver: 'ops', expires: '2027-01-31' }] })).toEqual([]);
    expect(schemaErrors('inventory', { hosts: [{ name: 'Bad_Name', address: '1.2.3.4' }] })[0]).toMatch(/^\/hosts\/0\/name must match pattern/);
    expect(schemaErrors('inventory', { all: { hosts: {} } })).toContain('/ must NOT have additional properties: all');
    expect(schemaErrors('waivers', { waivers: [{ id: 'HOST-SWAP', reason: 'r', expires: '2027-02-30' }] })).toEqual([
      '/waivers/0/expires must match format "date"',
    ]);
    expect(schemaErrors('profile', { proxyMode: 'ipvs', cgroupDriver: 'cgroupfs2' })).toEqual(['/cgroupDriver must be equal to one of the allowed values']);
  });
  it('the profile schema names exactly the keys the profile loader accepts', () => {
    const props = Object.keys((JSON.parse(readFileSync(schemaFile('profile'), 'utf8')) as { properties: object }).properties).sort();
    expect(props).toEqual([...PROFILE_KEYS].sort());
  });
});
