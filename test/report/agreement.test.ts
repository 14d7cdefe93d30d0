// One story in every output: the same run (every status, an active and an expired waiver, an unreachable host)
// read back from allure-results/, junit.xml, the console summary and --compare must agree with results.json
// and with the exit code, under both --fail-on settings.
// Stand-ins: the results are a fixture (test/helpers/results-fixture.ts); every output is the real writer's.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allureStatus } from '../../lib/report/allure.ts';
import { compare, formatChanges } from '../../lib/report/compare.ts';
import { formatSummary } from '../../lib/report/console.ts';
import { exitCode } from '../../lib/report/summary.ts';
import { writeReports } from '../../lib/report/write.ts';
import type { ResultsFile, Status } from '../../lib/types.ts';
import { fixtureResults } from '../helpers/results-fixture.ts';

interface AllureResult {
  name: string;
  status: string;
  statusDetails: { message?: string };
  labels: { name: string; value: string }[];
  parameters: { name: string; value: string }[];
  attachments: { source: string }[];
}

function readAllure(dir: string): Map<string, AllureResult> {
  const d = join(dir, 'allure-results');
  const out = new Map<string, AllureResult>();
  for (const f of readdirSync(d).filter((x) => x.endsWith('-result.json'))) {
    const a = JSON.parse(readFileSync(join(d, f), 'utf8')) as AllureResult;
    for (const att of a.attachments) expect(readdirSync(d)).toContain(att.source);
    out.set(a.name, a);
  }
  return out;
}

/** "<ID> [<host>]" → pass | failure | error | skipped, from junit.xml */
function readJUnit(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<testcase name="([^"]+)"[^>]*>([\s\S]*?)<\/testcase>/g)) {
    const inner = m[2]!;
    out.set(m[1]!.replace(/&amp;/g, '&'), /<failure /.test(inner) ? 'failure' : /<error /.test(inner) ? 'error' : /<skipped /.test(inner) ? 'skipped' : 'pass');
  }
  return out;
}

async function run(failOn: 'error' | 'warn'): Promise<{ dir: string; file: ResultsFile }> {
  const dir = mkdtempSync(join(tmpdir(), 'kv-agree-'));
  // a stale result of an earlier run must not survive into this one
  const stale = join(dir, 'allure-results');
  (await import('node:fs')).mkdirSync(stale, { recursive: true });
  writeFileSync(join(stale, 'stale-result.json'), '{"name":"OLD [x]","status":"passed"}');
  const { file } = await writeReports(dir, { ...fixtureResults(), failOn });
  return { dir, file };
}

const JUNIT: Record<Status, (failOn: 'error' | 'warn') => string> = {
  pass: () => 'pass',
  fail: () => 'failure',
  error: () => 'error',
  skip: () => 'skipped',
  waived: () => 'skipped',
  warn: (f) => (f === 'warn' ? 'failure' : 'pass'),
};

describe('every output tells the same story', () => {
  for (const failOn of ['error', 'warn'] as const) {
    it(`--fail-on ${failOn}: Allure, JUnit and the console agree with results.json and the exit code`, async () => {
      const { dir, file } = await run(failOn);
      const allure = readAllure(dir);
      const junitXml = readFileSync(join(dir, 'junit.xml'), 'utf8');
      const junit = readJUnit(junitXml);
      expect(allure.size).toBe(file.results.length);
      expect(allure.has('OLD [x]')).toBe(false);
      expect(junit.size).toBe(file.results.length);
      for (const r of file.results) {
        const name = `${r.id} [${r.host}]`;
        const a = allure.get(name)!;
        expect(a.status, name).toBe(allureStatus(r.status, failOn));
        expect(a.parameters).toEqual([{ name: 'host', value: r.host }]);
        expect(a.labels).toEqual(
          expect.arrayContaining([
            { name: 'epic', value: r.phase },
            { name: 'story', value: r.id },
            { name: 'tag', value: `kv-status:${r.status}` },
          ]),
        );
        expect(junit.get(name), name).toBe(JUNIT[r.status](failOn));
        // warn and waived are never "passed" in Allure; waived carries its reason
        if (r.status === 'warn' || r.status === 'waived') expect(a.status).not.toBe('passed');
        if (r.status === 'waived')
          expect(a.statusDetails.message).toBe(`waived: ${r.waiver!.reason} (approved by ${r.waiver!.approver}) until ${r.waiver!.expires}`);
        if (r.waiver?.expired) expect(a.statusDetails.message).toContain(`waiver expired on ${r.waiver.expires}`);
      }
      // what gates the run is what JUnit and Allure count as failures
      const code = exitCode(file.results, failOn);
      const gating = file.results.filter((r) => r.status === 'fail' || r.status === 'error' || (failOn === 'warn' && r.status === 'warn')).length;
      const top = /<testsuites [^>]*failures="(\d+)" errors="(\d+)"/.exec(junitXml)!;
      expect(Number(top[1]) + Number(top[2])).toBe(gating);
      expect([...allure.values()].filter((a) => a.status === 'failed' || a.status === 'broken').length).toBe(gating);
      expect(code).toBe(gating ? 1 : 0);
      // console: an expired waiver says so (never "(waived: …)"), the unreachable host is one line
      const con = formatSummary(file, { color: false });
      expect(con).toContain('HOST-CONFLICTS [node-0002]');
      expect(con).toMatch(/HOST-CONFLICTS \[node-0002\].*\(waiver expired on 2020-01-01: old waiver\)/);
      expect(con).not.toMatch(/HOST-CONFLICTS.*\(waived:/);
      expect(con.split('\n').filter((l) => l.includes('node-0002') && l.startsWith('ERROR'))).toEqual([
        'ERROR  [node-0002] not probed: connect-timeout (1 result(s) error)',
      ]);
      expect(con).toMatch(/^ERROR {2}\[node-0002\]/m);
      if (failOn === 'warn') expect(con).toMatch(/--fail-on warn: warnings fail the run/);
      // the unreachable host's result is still in every file
      expect(junit.get('HOST-MODULES [node-0002]')).toBe('error');
      expect(allure.get('HOST-MODULES [node-0002]')!.status).toBe('broken');
    });
  }

  it('--compare: fail → waived is "waived", never "fixed"; fail → pass is fixed; a lapsed waiver is a regression', () => {
    const prev = fixtureResults();
    const cur = fixtureResults();
    const i = cur.results.findIndex((r) => r.id === 'HOST-SWAP-FSTAB');
    cur.results[i] = { ...cur.results[i]!, status: 'waived', waiver: { reason: 'lab' } };
    const j = cur.results.findIndex((r) => r.id === 'NODES-READY');
    cur.results[j] = { ...cur.results[j]!, status: 'pass' };
    const k = cur.results.findIndex((r) => r.id === 'HOST-FIREWALLD');
    cur.results[k] = { ...cur.results[k]!, status: 'fail', waiver: { ...cur.results[k]!.waiver!, expired: true } };
    const c = compare(prev, cur);
    expect(c.map((x) => `${x.kind} ${x.id} ${x.from}→${x.to}`)).toEqual([
      'regression HOST-FIREWALLD waived→fail',
      'waived HOST-SWAP-FSTAB fail→waived',
      'fixed NODES-READY fail→pass',
    ]);
    expect(formatChanges(c)).toMatch(/^WAIVED +HOST-SWAP-FSTAB \[node-0001\] fail → waived$/m);
  });
});
