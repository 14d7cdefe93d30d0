// JUnit and results.json are formats CI parsers depend on: golden files guard them. The test only reads them: a
// missing golden file fails; `npm run golden:update` (test/helpers/update-golden.ts) is what rewrites them.
// Stand-ins: the results are a fixture (test/helpers/results-fixture.ts).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../../lib/report/compare.ts';
import { formatSummary, shouldColor } from '../../lib/report/console.ts';
import { jsonForScript, toHtml } from '../../lib/report/html.ts';
import { toJUnit } from '../../lib/report/junit.ts';
import { exitCode, sortFailuresFirst } from '../../lib/report/summary.ts';
import { applyWaivers, loadWaivers } from '../../lib/waivers.ts';
import { ConfigError } from '../../lib/config/errors.ts';
import { fixtureResults } from '../helpers/results-fixture.ts';
import { goldenJUnit, goldenResultsJson } from '../helpers/update-golden.ts';

const golden = (name: string, text: string) => {
  const p = new URL(`../../fixtures/report/${name}`, import.meta.url).pathname;
  expect(existsSync(p), `${p} is missing: npm run golden:update writes it (review the diff)`).toBe(true);
  expect(text).toBe(readFileSync(p, 'utf8'));
};

describe('report formats', () => {
  it('junit.xml matches the golden file', () => {
    golden('junit.golden.xml', goldenJUnit());
  });
  it('results.json matches the golden file', async () => {
    golden('results.golden.json', await goldenResultsJson());
  });
  it('junit: one testcase per (ID, host), skip and waiver reasons kept, failure message = observed vs expected', () => {
    const x = toJUnit(fixtureResults());
    expect(x.match(/<testcase /g)).toHaveLength(9);
    expect(x).toContain('<skipped message="SELinux is not present on this host"/>');
    expect(x).toContain('<skipped message="waived: firewall managed by the platform team (approved by ops-lead) until 2099-12-31"/>');
    expect(x).toContain('message="observed: 1 swap line &lt;&amp;&quot;&apos;&gt; in /etc/fstab; expected: expected value"');
    expect(x).not.toMatch(/[\u0001\u0007]/);
    expect(x).toContain('<error message="host not probed: connect-timeout: no SSH session within 10 s"');
  });
  it('html: evidence cannot break out of the embedded JSON', () => {
    const h = toHtml(fixtureResults());
    expect(h).not.toContain('</script><script>alert(1)');
    expect(jsonForScript({ a: '</script>' })).toBe('{"a":"\\u003c/script\\u003e"}');
    expect(h).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // no external fetch of any kind
  });
});

describe('gating and console', () => {
  it('exit code: fail or error → 1, waived never, warn only with --fail-on warn', () => {
    const f = fixtureResults();
    expect(exitCode(f.results)).toBe(1);
    const onlyWarn = f.results.filter((r) => ['pass', 'warn', 'skip', 'waived'].includes(r.status));
    expect(exitCode(onlyWarn)).toBe(0);
    expect(exitCode(onlyWarn, 'warn')).toBe(1);
  });
  it('failures first; colours only on a TTY without NO_COLOR', () => {
    expect(
      sortFailuresFirst(fixtureResults().results)
        .map((r) => r.status)
        .slice(0, 3),
    ).toEqual(['error', 'fail', 'fail']);
    expect(shouldColor({ isTTY: true }, {})).toBe(true);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor({ isTTY: false }, {})).toBe(false);
    const plain = formatSummary(fixtureResults(), { color: false });
    expect(plain).not.toMatch(/\x1b\[/);
    expect(plain.split('\n')[0]).toMatch(/^ERROR/);
  });
  it('--compare: regressions first', () => {
    const prev = fixtureResults();
    const cur = fixtureResults();
    cur.results[0] = { ...cur.results[0]!, status: 'fail' };
    cur.results[1] = { ...cur.results[1]!, status: 'pass' };
    const c = compare(prev, cur);
    expect(c.map((x) => `${x.kind} ${x.id}`)).toEqual(['regression HOST-SWAP', 'fixed HOST-SWAP-FSTAB']);
  });
});

describe('waivers', () => {
  const file = (text: string) => {
    const p = join(mkdtempSync(join(tmpdir(), 'kv-w-')), 'waivers.yaml');
    writeFileSync(p, text);
    return p;
  };
  it('waives a fail or warn by ID and host glob, keeps the reason, never waives an error; expired ones do not apply', () => {
    const w = loadWaivers(
      file(
        'waivers:\n  - { id: HOST-SELINUX, host: "*", reason: lab policy, approver: sec }\n  - { id: HOST-MODULES, host: node-*, reason: nope }\n  - { id: HOST-CONFLICTS, host: node-0002, reason: old, expires: 2020-01-01 }\n',
      ),
    );
    const { results, unmatched } = applyWaivers(
      fixtureResults().results.map((r) =>
        r.status === 'waived' ? { ...r, status: 'fail' as const, waiver: undefined } : r.waiver ? { ...r, waiver: undefined } : r,
      ),
      w,
      new Date('2026-11-22T00:00:00Z'),
    );
    expect(results.find((r) => r.id === 'HOST-SELINUX' && r.host === 'master')).toMatchObject({
      status: 'waived',
      waiver: { reason: 'lab policy', approver: 'sec' },
    });
    expect(results.find((r) => r.id === 'HOST-MODULES')!.status).toBe('error');
    expect(results.find((r) => r.id === 'HOST-CONFLICTS')).toMatchObject({ status: 'fail', waiver: { expired: true } });
    expect(unmatched.map((x) => x.id)).toEqual(['HOST-MODULES']);
  });
  it('a malformed waivers file is a ConfigError naming file and line', () => {
    const p = file('waivers:\n  - id: HOST-SELINUX\n    reason: x\n  - id: host-bad lower\n    reason: y\n');
    expect(() => loadWaivers(p)).toThrow(ConfigError);
    expect(() => loadWaivers(p)).toThrow(new RegExp(`${p}:4: waivers.1.id: invalid value`));
    expect(() => loadWaivers(file('waivers:\n  - { id: HOST-X, reason: r, expires: tomorrow }\n'))).toThrow(/expires: invalid value "tomorrow"/);
  });
});
