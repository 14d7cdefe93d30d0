// The reference design's packages fixtures are real rpm output: re-record them here with real rpm and rpmbuild
// (Debian's `rpm` package) against a fresh rpm database, and check the probe asks rpm exactly what the recording asks.
// Stand-ins: the packages are empty rpms carrying the reference host's names and versions (record.sh); rpm is real.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { probeScript } from '../../lib/probe/script.ts';
import { ROOT } from '../helpers/run-cli.ts';

const haveRpm = spawnSync('sh', ['-c', 'command -v rpm && command -v rpmbuild']).status === 0;
if (!haveRpm && process.env.CI) throw new Error('rpm and rpmbuild are needed (.ci/debian-packages.txt installs rpm)');
const body = (s: string) => s.replace(/^# .*\n/gm, '');

describe.runIf(haveRpm)('fixtures/recorded/rpm: real rpm output', () => {
  for (const set of ['reference', 'defects']) {
    it(`record.sh ${set} reproduces rocky86-${set}-rpm-q.txt`, () => {
      const r = spawnSync('sh', ['fixtures/recorded/rpm/record.sh', set], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      const fixture = readFileSync(`${ROOT}/fixtures/recorded/rpm/rocky86-${set}-rpm-q.txt`, 'utf8');
      expect(body(r.stdout)).toBe(body(fixture));
      expect(
        body(fixture)
          .split('\n')
          .filter((l) => l.includes('\t')).length,
      ).toBeGreaterThan(10);
    });
  }
  it('the probe runs the same rpm query as the recording, over the same package list', () => {
    const script = probeScript({ nonce: 'rpmrecord1', resolveNames: [], registry: { host: 'harbor', port: 443 } });
    const rec = readFileSync(`${ROOT}/fixtures/recorded/rpm/record.sh`, 'utf8');
    // the probe reads the database it found ($D, only when one exists: never creating one); the recording its own
    const query = "--qf '%{NAME}\\t%{VERSION}-%{RELEASE}\\tii\\n' $PKGS 2>/dev/null | grep -v 'is not installed'";
    expect(script).toContain(`rpm -q --dbpath "$D" ${query}`);
    expect(rec).toContain(`rpm --dbpath "$T/db" -q ${query}`);
    const pkgs = /^PKGS='([^']+)'/m.exec(rec)![1]!;
    expect(script).toContain(`PKGS='${pkgs}'`);
  });
});
